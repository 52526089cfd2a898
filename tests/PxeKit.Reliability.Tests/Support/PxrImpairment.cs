using System.Diagnostics;
using System.Globalization;

namespace PxeKit.Reliability.Tests.Support;

/// <summary>
/// A faulty link between the namespaces. This kernel has no sch_netem, so the faults <c>tc netem</c>
/// would make are made with what it has: loss with nftables <c>numgen random</c> drops on the client's
/// veth (netdev ingress and egress, which also catch udhcpc's packet sockets); duplication with
/// nftables <c>dup to</c> (the TEE of iptables) on both sides; delay, jitter and the reordering jitter
/// causes with iptables' NFQUEUE and a queue that gives verdicts late (Support/pxr-delay.py over libnetfilter_queue).
/// </summary>
internal sealed class PxrImpairment : IAsyncDisposable
{
    private const int Queue = 4711;
    private readonly PxrNetwork _net;
    private Process? _delay;

    private PxrImpairment(PxrNetwork net, string description)
    {
        _net = net;
        Description = description;
    }

    public string Description { get; }

    /// <summary>What the delay queue printed when it stopped (packets delayed and reordered).</summary>
    public string DelayReport { get; private set; } = "";

    /// <summary>Drops <paramref name="percent"/>% of the UDP packets in each direction.</summary>
    public static async Task<PxrImpairment> LossAsync(PxrNetwork net, int percent)
    {
        PxrTools.Require("nft", "nftables");
        var nic = net.ClientInterface;
        await NftAsync(net.ClientNamespace, $$"""
            table netdev pxr {
              chain in { type filter hook ingress device "{{nic}}" priority 0; policy accept; meta protocol ip ip protocol udp numgen random mod 100 < {{percent}} drop; }
              chain out { type filter hook egress device "{{nic}}" priority 0; policy accept; meta protocol ip ip protocol udp numgen random mod 100 < {{percent}} drop; }
            }
            """);
        return new PxrImpairment(net, $"loss {percent}%");
    }

    /// <summary>Sends <paramref name="percent"/>% of the UDP packets twice, towards the server, the client, or both.</summary>
    public static async Task<PxrImpairment> DuplicateAsync(PxrNetwork net, int percent, bool toServer = true, bool toClient = true)
    {
        PxrTools.Require("nft", "nftables");
        if (toServer)
        {
            await NftAsync(net.ClientNamespace, DupTable(PxrNetwork.ServerAddress, percent));
        }

        if (toClient)
        {
            await NftAsync(net.ServerNamespace, DupTable(PxrNetwork.ClientStaticAddress, percent));
        }

        return new PxrImpairment(net, $"duplicate {percent}%{(toServer && toClient ? "" : toServer ? " (to the server)" : " (to the client)")}");
    }

    /// <summary>Holds every UDP packet in and out of the client for <paramref name="ms"/> ± <paramref name="jitter"/> ms.</summary>
    public static async Task<PxrImpairment> DelayAsync(PxrNetwork net, int ms, int jitter)
    {
        PxrTools.Require("nft", "nftables");
        PxrTools.Require("python3", "python3");
        PxrTools.Require("iptables", "iptables");
        Assert.True(File.Exists("/usr/lib/x86_64-linux-gnu/libnetfilter_queue.so.1") || File.Exists("/usr/lib/aarch64-linux-gnu/libnetfilter_queue.so.1"),
            "libnetfilter_queue is missing: install Debian's libnetfilter-queue1 (scripts/install-deps.sh does)");
        var impairment = new PxrImpairment(net, $"delay {ms}ms ± {jitter}ms");
        var info = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in (string[])["netns", "exec", net.ClientNamespace, "python3", Path.Combine(AppContext.BaseDirectory, "Support", "pxr-delay.py"),
            Queue.ToString(CultureInfo.InvariantCulture), ms.ToString(CultureInfo.InvariantCulture), jitter.ToString(CultureInfo.InvariantCulture)])
        {
            info.ArgumentList.Add(a);
        }

        impairment._delay = Process.Start(info)!;
        var ready = await impairment._delay.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10));
        if (ready?.Contains("ready", StringComparison.Ordinal) != true)
        {
            var error = await impairment._delay.StandardError.ReadToEndAsync();
            await impairment.DisposeAsync();
            throw new InvalidOperationException($"the delay queue did not start: {ready} {error}");
        }

        // CONFIG_NFT_QUEUE is off in this kernel; iptables' NFQUEUE target (through nft's xt compat) is on.
        try
        {
            foreach (var chain in new[] { "INPUT", "OUTPUT" })
            {
                await Sh.CheckAsync("ip", "netns", "exec", net.ClientNamespace, "iptables", "-I", chain, "-p", "udp", "-j", "NFQUEUE", "--queue-num", Queue.ToString(CultureInfo.InvariantCulture));
            }
        }
        catch
        {
            await impairment.DisposeAsync(); // ends the delay queue's process too
            throw;
        }

        return impairment;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var ns in new[] { _net.ClientNamespace, _net.ServerNamespace })
        {
            foreach (var table in new[] { "netdev pxr", "ip pxrdup" })
            {
                await Sh.RunAsync("ip", ["netns", "exec", ns, "nft", "delete", "table", .. table.Split(' ')]);
            }

            await Sh.RunAsync("ip", "netns", "exec", ns, "iptables", "-F", "INPUT");
            await Sh.RunAsync("ip", "netns", "exec", ns, "iptables", "-F", "OUTPUT");
        }

        if (_delay is { } delay)
        {
            if (!delay.HasExited)
            {
                await Sh.RunAsync("kill", "-INT", delay.Id.ToString(CultureInfo.InvariantCulture));
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                try
                {
                    await delay.WaitForExitAsync(cts.Token);
                }
                catch (OperationCanceledException)
                {
                    delay.Kill();
                }
            }

            DelayReport = (await delay.StandardOutput.ReadToEndAsync()).Trim();
            delay.Dispose();
        }
    }

    private static string DupTable(string to, int percent) => $$"""
        table ip pxrdup {
          chain out { type filter hook output priority 0; policy accept; ip protocol udp ip daddr {{to}} numgen random mod 100 < {{percent}} dup to {{to}}; }
        }
        """;

    private static async Task NftAsync(string ns, string rules)
    {
        var file = Path.Combine(Path.GetTempPath(), $"pxr-nft-{Guid.NewGuid():N}.nft");
        await File.WriteAllTextAsync(file, rules);
        try
        {
            await Sh.CheckAsync("ip", "netns", "exec", ns, "nft", "-f", file);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
