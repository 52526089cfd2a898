using System.Diagnostics;
using System.Text.RegularExpressions;
using PxeKit.Core.Events;
using PxeKit.Reliability.Tests.Support;
using Xunit.Abstractions;

namespace PxeKit.Reliability.Tests;

/// <summary>
/// Logging never makes serving wait: with the server's terminal stalled (standard output a pipe nobody reads, full
/// after 64 KiB, as a paused terminal or <c>| less</c>), a DHCP storm is answered, a known machine still gets its
/// lease, and the events file, which has a queue of its own, still gets every step. The latencies with and without a
/// stalled terminal are printed side by side (measured, not asserted).
/// </summary>
[Trait("Category", "Reliability")]
public sealed partial class StalledOutputTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Known = "52:54:00:77:10:01";
    private const string StormMac = "52:54:00:77:10:02";
    private readonly string _root = Directory.CreateTempSubdirectory("pxr-stalled-").FullName;
    private PxrNetwork _net = null!;

    public async Task InitializeAsync()
    {
        PxrTools.Require("perfdhcp", "kea-admin");
        PxrTools.Require("busybox", "busybox");
        Directory.CreateDirectory(Path.Combine(_root, "tftp"));
        await File.WriteAllTextAsync(Path.Combine(_root, "udhcpc.sh"), "#!/bin/sh\n[ \"$1\" = bound ] && echo \"LEASE ip=$ip\"\nexit 0\n");
        File.SetUnixFileMode(Path.Combine(_root, "udhcpc.sh"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        _net = await PxrNetwork.CreateAsync();
        await File.WriteAllTextAsync(Path.Combine(_root, "pxekit.yaml"), $"""
            interface: {_net.ServerInterface}
            dhcp:
              range: 10.49.0.100-10.49.0.250
            """);
    }

    public async Task DisposeAsync()
    {
        await _net.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    [HostFact(Programs = ["perfdhcp", "busybox"])]
    public async Task A_stalled_terminal_delays_no_reply_and_holds_back_no_event_of_the_events_file()
    {
        var (readDelays, readLease) = await StormAsync(stalled: false);
        var (stalledDelays, stalledLease) = await StormAsync(stalled: true);

        output.WriteLine($"terminal read:    perfdhcp {readDelays}; a known machine's lease after the storm in {readLease:F0} ms");
        output.WriteLine($"terminal stalled: perfdhcp {stalledDelays}; a known machine's lease after the storm in {stalledLease:F0} ms");
    }

    /// <summary>A storm of 3,000 DORA exchanges from 120 MACs (the pool has 151 addresses), then one known machine; the perfdhcp delays and the lease time.</summary>
    private async Task<(string Delays, double LeaseMs)> StormAsync(bool stalled)
    {
        string[] arguments = ["--config", Path.Combine(_root, "pxekit.yaml"), "--root", Path.Combine(_root, "tftp"),
            "--lease-db", Path.Combine(_root, $"leases-{stalled}.db"), "--no-capture", "--http-port", "0"];
        await using var serve = stalled
            ? await ServeProcess.StartWithStalledOutputAsync(_net.ServerNamespace, arguments)
            : await ServeProcess.StartAsync(_net.ServerNamespace, arguments);

        // The same client interface for both storms: the known machine's MAC is set after each.
        await _net.SetClientMacAsync(StormMac);
        var storm = await _net.ClientAsync(TimeSpan.FromSeconds(60), "perfdhcp", "-4", "-l", _net.ClientInterface, "-r", "500", "-R", "120", "-p", "6");
        var delays = string.Join("; ", AvgDelay().Matches(storm.Output).Select(m => m.Value));
        var received = Received().Matches(storm.Output).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(received.Count == 2 && received[1] > 0, storm.All);

        await _net.SetClientMacAsync(Known);
        var watch = Stopwatch.StartNew();
        var lease = await _net.ClientAsync(TimeSpan.FromSeconds(30),
            "busybox", "udhcpc", "-i", _net.ClientInterface, "-n", "-q", "-f", "-t", "5", "-T", "1", "-A", "1", "-s", Path.Combine(_root, "udhcpc.sh"));
        var leaseMs = watch.Elapsed.TotalMilliseconds;

        Assert.True(lease.Output.Contains("LEASE ip=", StringComparison.Ordinal), $"stalled={stalled}: the known machine got no lease: {lease.All}\n{serve.Error}");
        // The events file has a queue of its own: every ACK perfdhcp got, and the known machine's, reach it whatever the
        // terminal does (an ACK is journaled when it has left).
        await Eventually.HoldsAsync(() => serve.Events.Any(e => e is { Step: BootStep.DhcpAck, Mac: Known }), TimeSpan.FromSeconds(10));
        int acks = serve.Events.Count(e => e.Step == BootStep.DhcpAck && e.Mac != Known);
        Assert.True(acks >= received[1], $"stalled={stalled}: the events file has {acks} of the {received[1]} ACKs perfdhcp received");

        Assert.False(serve.HasExited, serve.Error);
        return (delays, leaseMs);
    }

    /// <summary>perfdhcp's received counts: DISCOVER-OFFER, then REQUEST-ACK.</summary>
    [GeneratedRegex(@"received packets: (\d+)")]
    private static partial Regex Received();

    [GeneratedRegex(@"avg delay: [0-9.]+ ms")]
    private static partial Regex AvgDelay();
}
