using System.Diagnostics;
using System.Globalization;
using PxeKit.Core.Events;
using PxeKit.Reliability.Tests.Support;

namespace PxeKit.Reliability.Tests;

public sealed partial class HostileClientTests
{
    private const string HeldRequests = "30000";

    // A second address of the client namespace: the flooding host, apart from the client that downloads.
    private const string FloodAddress = "10.49.0.77";

    // Issue 13: 3,000 requests with timeout 255 and blksize 65464, never acknowledged, were all accepted and
    // held (6,125 descriptors, 387 MB after 6 s). Now one address holds max-transfers-per-client (16) of
    // them and the rest get no answer; the held ones end within the transfer lifetime.
    [HostFact]
    public async Task Thirty_thousand_held_tftp_requests_from_one_host_leave_another_client_served()
    {
        PxrTools.Require("tftp", "tftp-hpa");
        PxrTools.Require("nft", "nftables");
        var lifetime = TimeSpan.FromSeconds(15);
        await File.AppendAllTextAsync(ConfigPath, $"\ntftp:\n  transfer-lifetime: {lifetime.TotalSeconds:0}s\n");
        await Sh.CheckAsync("ip", "-n", _net.ClientNamespace, "addr", "add", FloodAddress + "/24", "dev", _net.ClientInterface);

        // The flooding host never answers: what the server sends it is dropped before any socket (no ICMP
        // port unreachable either, which would end the transfers at once).
        await Sh.CheckAsync("ip", "netns", "exec", _net.ClientNamespace, "nft",
            $"add table ip pxrheld; add chain ip pxrheld input {{ type filter hook input priority -300; }}; add rule ip pxrheld input ip daddr {FloodAddress} drop");
        await using var serve = await StartServeAsync();
        var expected = await File.ReadAllBytesAsync(Path.Combine(TftpRoot, "image.bin"));
        var before = PxrProcessUsage.Of(serve.Id) ?? throw new InvalidOperationException("the server is gone");

        using var sampling = new CancellationTokenSource();
        var peak = SampleAsync(serve.Id, before, sampling.Token);
        var watch = Stopwatch.StartNew();
        var flood = await FloodAsync(TimeSpan.FromSeconds(60), "tftp-held", HeldRequests, FloodAddress, "image.bin");
        var flooded = watch.Elapsed;
        var during = PxrProcessUsage.Of(serve.Id);
        var fetches = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            fetches.Add(await FetchAsync(expected, $"held-{i}"));
        }

        // Every held transfer has ended once its lifetime has passed, and a bit of the reactor's tick.
        await Eventually.HoldsAsync(() => PxrProcessUsage.Of(serve.Id) is { } now && now.Descriptors <= before.Descriptors + 2, lifetime + TimeSpan.FromSeconds(20));
        var freedAfter = watch.Elapsed;
        await sampling.CancelAsync();
        var highest = await peak;
        var after = PxrProcessUsage.Of(serve.Id)!.Value;

        // The journal reaches the events file a moment after the fact.
        await Eventually.HoldsAsync(() => serve.Events.Count(e => e is { Step: BootStep.TftpFailed } && e.Address == FloodAddress) >= 16, TimeSpan.FromSeconds(5));
        var events = serve.Events;
        var refusals = events.Where(e => e is { Step: BootStep.TftpRefused, Tftp.Limit: not null }).ToList();
        var refused = refusals.Sum(e => e.Tftp!.Refusals ?? 0);
        var ended = events.Where(e => e is { Step: BootStep.TftpFailed } && e.Address == FloodAddress).GroupBy(e => e.Tftp?.Failure).Select(g => $"{g.Key} {g.Count()}");
        var started = events.Count(e => e is { Step: BootStep.TftpRequest } && e.Address == FloodAddress);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"held TFTP flood ({flood}) sent in {flooded.TotalSeconds:F1} s: before {before}; right after it {during}; peak {highest}; after {freedAfter.TotalSeconds:F1} s {after}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"transfers started for the flooding host: {started}, ended: {string.Join(", ", ended)}; refused over a cap: {refused} in {refusals.Count} journal event(s) ({string.Join(", ", refusals.GroupBy(e => e.Tftp!.Limit).Select(g => $"{g.Key} {g.Sum(e => e.Tftp!.Refusals)}"))})"));
        output.WriteLine($"tftp-hpa fetches of 64 KiB from {PxrNetwork.ClientStaticAddress} while held, byte-exact: {string.Join(", ", fetches.Select(f => f.ToString("F0", CultureInfo.InvariantCulture)))} ms");

        Assert.False(serve.HasExited, serve.Error);
        Assert.True(highest.RssMiB < 150, $"the server reached {highest}");
        Assert.True(highest.Descriptors < 2000, $"the server reached {highest}");
        Assert.InRange(started, 1, 16);
        Assert.True(refused >= 25_000, $"only {refused} refusals journaled");
        Assert.True(refusals.Count < 20, $"{refusals.Count} refusal events: refusals must be summarised, not journaled one by one");
        Assert.True(after.Descriptors <= before.Descriptors + 2, $"descriptors not given back: before {before}, after {after}");
    }

    // The highest usage seen, every 50 ms, until cancelled.
    private static async Task<PxrProcessUsage> SampleAsync(int pid, PxrProcessUsage start, CancellationToken cancellationToken)
    {
        var highest = start;
        while (!cancellationToken.IsCancellationRequested)
        {
            if (PxrProcessUsage.Of(pid) is { } now)
            {
                highest = highest.Max(now);
            }

            try
            {
                await Task.Delay(50, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return highest;
    }
}
