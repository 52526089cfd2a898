using System.Globalization;
using System.Text.RegularExpressions;
using PxeKit.Reliability.Tests.Support;
using PxeKit.Server.Leases;
using Xunit.Abstractions;

namespace PxeKit.Reliability.Tests;

/// <summary>
/// SIGKILL <c>pxekit serve</c> ten times while perfdhcp (Kea's load generator) runs DORA exchanges
/// against it; after each restart every lease the capture saw ACKed is still in the store and no
/// address is held by two clients, as <c>pxekit leases audit</c> checks.
/// </summary>
[Trait("Category", "Reliability")]
public sealed partial class CrashSafetyTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Kills = 10;
    private readonly string _root = Directory.CreateTempSubdirectory("pxr-crash-").FullName;
    private PxrNetwork _net = null!;

    public async Task InitializeAsync() => _net = await PxrNetwork.CreateAsync();

    public async Task DisposeAsync()
    {
        await _net.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    private string LeaseDb => Path.Combine(_root, "leases.db");

    [HostFact]
    public async Task Ten_sigkills_under_dhcp_load_lose_no_acked_lease_and_never_share_an_address()
    {
        PxrTools.Require("perfdhcp", "kea-admin");
        var pcap = Path.Combine(_root, "dhcp.pcap");
        int lost = 0, duplicates = 0, acked = 0, exchanges = 0, previous = 0, loaded = 0;
        await using (var capture = await PxrCapture.StartAsync(_net.ServerNamespace, _net.ServerInterface, pcap, "udp port 67 or udp port 68"))
        {
            for (int round = 1; round <= Kills; round++)
            {
                var serve = await StartServeAsync();
                try
                {
                    // perfdhcp runs 4 s at 100 exchanges/s over the same 100 clients each round (the pool
                    // has 151 addresses), so every round ACKs new leases and renews old ones. The server
                    // dies once the capture has seen this round's ACKs begin, 0.2 to 0.9 s later: in the
                    // middle of the load, however slowly a busy machine starts it.
                    var load = _net.ClientAsync(TimeSpan.FromSeconds(30),
                        "perfdhcp", "-4", "-l", _net.ClientInterface, "-r", "100", "-R", "100", "-p", "4");
                    var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
                    while (LeaseCapture.Read(pcap).Count <= previous && DateTime.UtcNow < deadline && !load.IsCompleted)
                    {
                        await Task.Delay(100);
                    }

                    await Task.Delay(TimeSpan.FromMilliseconds(200 + (round * 97 % 700)));
                    await serve.KillAsync();
                    var result = await load;
                    exchanges += Completed(result.Output);
                }
                finally
                {
                    await serve.DisposeAsync();
                }

                // Restart, as a supervisor would, then audit the store the new server opened.
                await using var restarted = await StartServeAsync();
                var report = LeaseAudit.Run(LeaseAudit.LoadStore(LeaseDb), LeaseCapture.Read(pcap));
                lost += report.Missing.Count;
                duplicates += report.Duplicates.Count;
                output.WriteLine($"kill {round}: {report.AckCount - previous} new ACKs; {report.Describe().Last()}");
                loaded += report.AckCount > previous ? 1 : 0;
                acked = previous = report.AckCount;
                Assert.True(report.Clean, string.Join("\n", report.Describe()));
            }

            await capture.StopAsync();
        }

        // The same through the command an operator runs.
        var audit = await Sh.RunAsync("dotnet", [ServeProcess.PxekitDll, "leases", "audit", "--db", LeaseDb, "--pcap", pcap], TimeSpan.FromSeconds(60));
        output.WriteLine($"{Kills} SIGKILLs: {acked} ACKs captured, {exchanges} exchanges perfdhcp completed, {lost} ACKed leases lost, {duplicates} duplicate addresses");
        output.WriteLine("pxekit leases audit: " + audit.Output.Trim());
        Assert.True(audit.ExitCode == 0, audit.All);
        // On a starved machine a round can end before its first ACK (seen here once, with OFFERs taking
        // over a second); the test still needs most rounds to have been killed under load.
        output.WriteLine($"{loaded} of {Kills} rounds saw ACKs before their kill");
        Assert.True(loaded >= Kills / 2, $"only {loaded} of {Kills} rounds saw an ACK before the kill: the load did not reach the server");
    }

    private Task<ServeProcess> StartServeAsync() => ServeProcess.StartAsync(_net.ServerNamespace,
        "--interface", _net.ServerInterface, "--root", _root, "--dhcp-range", "10.49.0.100-10.49.0.250",
        "--lease-db", LeaseDb, "--no-capture");

    // perfdhcp's summary: "sent packets: N" and "received packets: N" per exchange type; the second
    // exchange's received count is the ACKs it saw.
    private static int Completed(string report)
    {
        var received = ReceivedPackets().Matches(report);
        return received.Count >= 2 ? int.Parse(received[1].Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    }

    [GeneratedRegex(@"received packets: (\d+)")]
    private static partial Regex ReceivedPackets();
}
