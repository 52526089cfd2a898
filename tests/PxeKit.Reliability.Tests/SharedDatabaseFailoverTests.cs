using System.Globalization;
using PxeKit.Core.Events;
using PxeKit.Reliability.Tests.Support;
using PxeKit.Server.Leases;
using PxeKit.Server.Leases.Postgres;
using Xunit.Abstractions;

namespace PxeKit.Reliability.Tests;

/// <summary>
/// Two <c>pxekit serve</c> on one segment and one PostgreSQL database (issue 17), splitting new clients between them,
/// perfdhcp (Kea's load generator) driving them. One of them is SIGKILLed under load, in turn: the other takes over the
/// dead one's clients once it has not heard its heartbeat for <see cref="PostgresPeers.Silence"/>, the time it takes is
/// measured, and <c>pxekit leases audit</c> finds, against the capture, no ACKed lease lost and no address given to two
/// clients at once. The killed server is restarted before the next round, as a supervisor would.
/// </summary>
[Trait("Category", "Reliability")]
public sealed class SharedDatabaseFailoverTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Kills = 10;
    private const string Range = "10.49.0.100-10.49.0.250";

    /// <summary>
    /// The bound on the failover: from the SIGKILL until the survivor has ACKed every client the dead server had ACKed in
    /// the round. It is the dead server's silence (<see cref="PostgresPeers.Silence"/>, read at the survivor's next
    /// heartbeat) and then how soon perfdhcp comes back to each of those clients.
    /// </summary>
    private static readonly TimeSpan FailoverBound = TimeSpan.FromSeconds(8);

    private readonly string _root = Directory.CreateTempSubdirectory("pxr-shared-").FullName;
    private PxrSharedSegment _segment = null!;
    private PostgresInstance _postgres = null!;

    public async Task InitializeAsync()
    {
        _segment = await PxrSharedSegment.CreateAsync();
        _postgres = await PostgresInstance.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _postgres.DisposeAsync();
        await _segment.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    [HostFact(Files = [PostgresInstance.Initdb, PostgresInstance.Postmaster], Programs = ["runuser", "perfdhcp", "tcpdump"])]
    public async Task Ten_sigkills_of_one_of_two_servers_under_load_lose_no_acked_lease_and_never_share_an_address()
    {
        var database = (await _postgres.NewDatabaseAsync()).Database;
        var url = $"postgresql://{PostgresInstance.User}@{Uri.EscapeDataString(_postgres.Directory)}:{_postgres.Port}/{database}";
        var hosts = new[] { await _segment.AddHostAsync("s1", "10.49.0.2/24"), await _segment.AddHostAsync("s2", "10.49.0.3/24") };
        var client = await _segment.AddHostAsync("c", "10.49.0.50/24");
        var pcap = Path.Combine(_root, "dhcp.pcap");
        var servers = new ServeProcess?[2];
        var failovers = new List<TimeSpan>();
        int previous = 0, reserved = 0, victimClients = 0;
        try
        {
            for (int i = 0; i < 2; i++)
            {
                servers[i] = await StartServeAsync(hosts[i], url);
            }

            await using var capture = await PxrCapture.StartAsync(client.Namespace, client.Interface, pcap, "udp port 67 or udp port 68");
            for (int round = 0; round < Kills; round++)
            {
                int victim = round % 2, survivor = 1 - victim;

                // perfdhcp runs 10 s at 200 exchanges/s over the same 100 clients each round (151 addresses), so every round
                // binds new leases and renews old ones, some through the server that did not give them, and after the
                // takeover comes back to each of the dead server's clients about a dozen times.
                var load = Sh.InNamespaceAsync(client.Namespace, TimeSpan.FromSeconds(40),
                    "perfdhcp", "-4", "-l", client.Interface, "-r", "200", "-R", "100", "-p", "10");
                var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
                while (LeaseCapture.Read(pcap).Count <= previous && DateTime.UtcNow < deadline && !load.IsCompleted)
                {
                    await Task.Delay(100);
                }

                await Task.Delay(TimeSpan.FromMilliseconds(1000 + (round * 97 % 700)));
                var killedAt = DateTimeOffset.UtcNow;
                await servers[victim]!.KillAsync();
                var result = await load;
                Assert.True(result.ExitCode is 0 or 3, result.All);

                // The dead server's clients of this round, and when the survivor first ACKed each after the kill.
                var served = Acks(servers[victim]!).Where(e => e.Time < killedAt).Select(e => e.Mac).ToHashSet(StringComparer.Ordinal);
                var after = Acks(servers[survivor]!).Where(e => e.Time >= killedAt && served.Contains(e.Mac!))
                    .GroupBy(e => e.Mac, StringComparer.Ordinal).Select(g => g.Min(e => e.Time) - killedAt).ToList();
                victimClients += served.Count;
                reserved += after.Count;
                Assert.True(after.Count == served.Count, $"round {round + 1}: the survivor ACKed {after.Count} of the {served.Count} clients of the killed server");

                // On a starved machine a server can be killed before it ACKed anyone (the other answered first): that
                // round measures no failover, and the test still needs most rounds to measure one.
                if (after.Count > 0)
                {
                    failovers.Add(after.Max());
                }

                var report = LeaseAudit.Run(LeaseAudit.LoadStore(url), LeaseCapture.Read(pcap));
                var measured = after.Count == 0 ? "the killed server had ACKed no client yet"
                    : string.Create(CultureInfo.InvariantCulture, $"survivor's first ACK of the dead server's clients {after.Min().TotalMilliseconds:F0} ms after the kill, all {after.Count} of them ACKed by it within {after.Max().TotalMilliseconds:F0} ms");
                output.WriteLine($"kill {round + 1} (server {victim + 1}): {report.AckCount - previous} ACKs; {measured}; {report.Describe().Last()}");
                previous = report.AckCount;
                Assert.True(report.Clean, string.Join("\n", report.Describe()));

                await servers[victim]!.DisposeAsync();
                servers[victim] = null;
                servers[victim] = await StartServeAsync(hosts[victim], url);
            }

            await capture.StopAsync();
        }
        finally
        {
            foreach (var server in servers)
            {
                if (server is not null)
                {
                    await server.DisposeAsync();
                }
            }
        }

        Assert.True(failovers.Count >= Kills / 2, $"only {failovers.Count} of {Kills} rounds killed a server that had ACKed a client");

        // The same through the command an operator runs, against the database.
        var audit = await Sh.RunAsync("dotnet", [ServeProcess.PxekitDll, "leases", "audit", "--lease-db", url, "--pcap", pcap], TimeSpan.FromSeconds(60));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Kills} SIGKILLs: failover (kill to the survivor's ACK of every client of the dead server) at most {failovers.Max().TotalMilliseconds:F0} ms, median {failovers.Order().ElementAt(failovers.Count / 2).TotalMilliseconds:F0} ms; {reserved} of {victimClients} dead servers' clients served again"));
        output.WriteLine("pxekit leases audit: " + audit.Output.Trim());
        Assert.True(audit.ExitCode == 0, audit.All);
        Assert.True(failovers.Max() < FailoverBound, $"a failover took {failovers.Max()}");
    }

    private static IEnumerable<BootEvent> Acks(ServeProcess server) =>
        server.Events.Where(e => e.Step == BootStep.DhcpAck && e.Mac is not null);

    private Task<ServeProcess> StartServeAsync((string Namespace, string Interface) host, string url) => ServeProcess.StartAsync(host.Namespace,
        "--interface", host.Interface, "--root", _root, "--dhcp-range", Range, "--lease-db", url, "--no-capture", "--http-port", "0");
}
