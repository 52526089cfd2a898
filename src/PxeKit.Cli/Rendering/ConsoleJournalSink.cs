using System.Globalization;
using PxeKit.Core.Events;

namespace PxeKit.Cli.Rendering;

/// <summary>One readable line per client step: time, MAC, step, detail.</summary>
public sealed class ConsoleJournalSink(TextWriter output) : IBootEventSink
{
    public void Write(BootEvent bootEvent)
    {
        ArgumentNullException.ThrowIfNull(bootEvent);

        // What the capture saw is evidence for the diagnosis, not news: the socket's line tells the same.
        if (IsWireEvidence(bootEvent.Step))
        {
            return;
        }

        output.WriteLine(Format(bootEvent));
        output.Flush();
    }

    /// <summary>What the capture saw: evidence for the diagnosis, not a line of its own.</summary>
    public static bool IsWireEvidence(BootStep step) =>
        step is BootStep.WireDhcp or BootStep.WireTftp or BootStep.WireDhcpReply or BootStep.WireBootServer or BootStep.WireDhcpForwarded or BootStep.WireDhcp6;

    public static string Format(BootEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return string.Create(CultureInfo.InvariantCulture, $"{e.Time.ToLocalTime():HH:mm:ss.fff}  {Who(e),-17}  {StepName(e.Step),-14}  {Printable(Timeline.Describe(e))}");
    }

    /// <summary>
    /// Who a step is about: the MAC (for a DHCPv6 client whose DUID holds none, its DUID), else its address, but never
    /// an unspecified address (<c>::</c>, <c>0.0.0.0</c>: a host that solicits routers before it has an address), which
    /// names nobody.
    /// </summary>
    public static string Who(BootEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.Mac is { } mac)
        {
            return mac;
        }

        return e.Address is { } address && !(System.Net.IPAddress.TryParse(address, out var parsed)
            && (parsed.Equals(System.Net.IPAddress.IPv6Any) || parsed.Equals(System.Net.IPAddress.Any))) ? address : "-";
    }

    /// <summary>
    /// Control characters become <c>\xNN</c>: a hostile client's file name or host name must not
    /// move the cursor or forge a log line on the operator's terminal.
    /// </summary>
    public static string Printable(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Any(char.IsControl))
        {
            return text;
        }

        var escaped = new System.Text.StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            escaped.Append(char.IsControl(c) ? string.Create(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}") : c.ToString());
        }

        return escaped.ToString();
    }

    /// <summary><c>DhcpOffer</c> becomes <c>dhcp-offer</c>.</summary>
    public static string StepName(BootStep step)
    {
        var name = step.ToString();
        var text = new System.Text.StringBuilder(name.Length + 4);
        for (int i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]))
            {
                text.Append('-');
            }

            text.Append(char.ToLowerInvariant(name[i]));
        }

        return text.ToString();
    }
}
