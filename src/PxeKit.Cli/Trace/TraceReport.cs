using System.Globalization;
using System.Text;
using PxeKit.Cli.Rendering;
using PxeKit.Core.Verdicts;
using PxeKit.Diagnostics.Trace;
using PxeKit.Protocol.Dhcp;

namespace PxeKit.Cli.Trace;

/// <summary>
/// The end of a trace: one timeline per client (times since that client was first seen), each followed by
/// what went wrong, with the evidence and the fix; a clean boot gets no verdict.
/// </summary>
public static class TraceReport
{
    public static string Render(string source, TraceAnalyzer analyzer, IReadOnlyList<Verdict> verdicts)
    {
        ArgumentNullException.ThrowIfNull(analyzer);
        ArgumentNullException.ThrowIfNull(verdicts);
        var text = new StringBuilder();
        var clients = analyzer.Clients;
        text.Append(CultureInfo.InvariantCulture, $"{source}: {Count(analyzer.Frames, "frame")}, {analyzer.BootFrames} of them DHCP, TFTP or HTTP");
        if (analyzer.FirstFrame is { } first && analyzer.LastFrame is { } last)
        {
            text.Append(CultureInfo.InvariantCulture, $", {first.UtcDateTime:yyyy-MM-dd HH:mm:ss} to {last.UtcDateTime:HH:mm:ss} UTC ({(last - first).TotalSeconds:0.0} s)");
        }

        text.Append(CultureInfo.InvariantCulture, $"; {Count(clients.Count, "client")}.\n");
        foreach (var client in clients)
        {
            text.Append('\n').Append(Header(client)).Append('\n');
            text.Append(Timeline.Render(ProbeFolding.Fold(client.Events), client.FirstSeen));
            foreach (var verdict in verdicts.Where(v => v.Client == client.Key))
            {
                text.Append(VerdictText.Render(verdict));
            }
        }

        text.Append('\n').Append(Summary(clients, verdicts)).Append('\n');
        return text.ToString();
    }

    public static string Header(ClientTrace client)
    {
        ArgumentNullException.ThrowIfNull(client);
        // A DHCPv6 client whose DUID holds no MAC (and whose address was not made from one) is named by its DUID.
        var name = client.Mac is { } mac && MacAddress.Normalize(mac) is null && client.Events.Any(e => e.Dhcp6?.ClientId == mac) ? $"DUID {mac}" : client.Mac;
        var who = name is null ? $"{client.Key} (no DHCP seen for this address)" : client.Address is { } address ? $"{name}  {address}" : name;
        return string.Create(CultureInfo.InvariantCulture, $"client {who}, first seen {client.FirstSeen.UtcDateTime:HH:mm:ss.fff} UTC");
    }

    private static string Summary(IReadOnlyList<ClientTrace> clients, IReadOnlyList<Verdict> verdicts)
    {
        if (clients.Count == 0)
        {
            return "No DHCP, TFTP or HTTP boot traffic in the capture.";
        }

        if (verdicts.Count == 0)
        {
            return "No fault seen on the wire.";
        }

        int failed = verdicts.Select(v => v.Client).Distinct().Count();
        return string.Create(CultureInfo.InvariantCulture, $"{Count(verdicts.Count, "fault")} found, for {failed} of {Count(clients.Count, "client")}.");
    }

    private static string Count(int count, string what) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {what}{(count == 1 ? "" : "s")}");
}
