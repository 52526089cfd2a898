using System.Globalization;
using System.Net;
using PxeKit.Cli.Tests.Support;
using PxeKit.Core.Events;
using PxeKit.Server.Leases;
using Xunit.Abstractions;

namespace PxeKit.Cli.Tests.Integration;

/// <summary>
/// SIGHUP to a running <c>pxekit serve</c> after its YAML was edited (issue 14, reload): the new boot file is offered,
/// the lease kept, a TFTP download under way finishes whole; a file with mistakes is refused and the old one kept.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ServeReloadTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("pxekit-reload-").FullName;
    private readonly byte[] _big = new byte[24 * 1024 * 1024];
    private VethNetwork _net = null!;

    private string Config => Path.Combine(_root, "pxekit.yaml");

    public async Task InitializeAsync()
    {
        // Served as nobody, as serve started as root is: the file is read again as that user.
        File.SetUnixFileMode(_root, (UnixFileMode)0b111_101_101);
        new Random(14).NextBytes(_big);
        foreach (var (name, content) in new[] { ("old.bin", "old boot program"u8.ToArray()), ("new.bin", "new boot program"u8.ToArray()), ("big.bin", _big) })
        {
            await File.WriteAllBytesAsync(Path.Combine(_root, name), content);
            File.SetUnixFileMode(Path.Combine(_root, name), (UnixFileMode)0b110_100_100);
        }

        _net = await VethNetwork.CreateAsync();
    }

    public async Task DisposeAsync()
    {
        await _net.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    [HostFact(Programs = ["busybox", "tftp"])]
    public async Task A_new_boot_file_is_offered_after_SIGHUP_and_the_lease_and_a_download_in_flight_are_kept()
    {
        await WriteConfigAsync("old.bin", "10.48.0.100-10.48.0.110");
        await using var serve = await ServeProcess.StartAsync(_net.ServerNamespace, "--config", Config, "--user", "nobody");
        var first = await _net.UdhcpcAsync(_root);
        Assert.NotNull(first);
        Assert.Equal("old.bin", (await OfferAsync(serve, acks: 1)).File);

        // A download under way while the configuration changes.
        var fetched = Path.Combine(_root, "fetched.bin");
        var download = _net.TftpGetAsync("big.bin", fetched);
        await Eventually.HoldsAsync(() => serve.Events.Any(e => e is { Step: BootStep.TftpRequest, File: "big.bin" }), TimeSpan.FromSeconds(10));

        await WriteConfigAsync("new.bin", "10.48.0.100-10.48.0.110");
        await HangUpAsync(serve);
        var reloaded = await WaitForAsync(serve, BootStep.ReloadApplied);
        Assert.Equal(["old"], reloaded.Reload!.ProfilesChanged);
        Assert.Empty(reloaded.Reload.NeedsRestart);

        var got = await download;
        Assert.True(got.ExitCode == 0, got.All);
        Assert.Equal(_big, await File.ReadAllBytesAsync(fetched));
        await Eventually.HoldsAsync(() => serve.Events.Any(e => e is { Step: BootStep.TftpComplete, File: "big.bin" }), TimeSpan.FromSeconds(10));
        var complete = serve.Events.Single(e => e is { Step: BootStep.TftpComplete, File: "big.bin" });
        Assert.True(complete.Time > reloaded.Time, "the download ended before the reload: it was not in flight");

        var second = await _net.UdhcpcAsync(_root);
        Assert.NotNull(second);
        Assert.Equal(first.Ip, second.Ip);
        Assert.Equal("new.bin", (await OfferAsync(serve, acks: 2)).File);
        Assert.Single(serve.Events, e => e.Step == BootStep.ServerReady);
        Assert.False(serve.HasExited, serve.Error);
    }

    [HostFact(Programs = ["busybox"])]
    public async Task A_file_with_mistakes_is_refused_with_every_one_and_the_running_configuration_kept()
    {
        await WriteConfigAsync("old.bin", "10.48.0.100-10.48.0.110");
        await using var serve = await ServeProcess.StartAsync(_net.ServerNamespace, "--config", Config, "--user", "nobody");

        await WriteConfigAsync("missing.bin", "10.48.0.110-10.48.0.100");
        await HangUpAsync(serve);
        var refused = await WaitForAsync(serve, BootStep.ReloadRefused);

        Assert.Equal(2, refused.Reload!.Errors.Count);
        Assert.Contains(refused.Reload.Errors, e => e.Contains("missing.bin", StringComparison.Ordinal));
        Assert.Contains(refused.Reload.Errors, e => e.Contains("ends before it starts", StringComparison.Ordinal));
        await Eventually.HoldsAsync(() => serve.Error.Contains("not reloaded", StringComparison.Ordinal));
        Assert.NotNull(await _net.UdhcpcAsync(_root));
        Assert.Equal("old.bin", (await OfferAsync(serve, acks: 1)).File);
        Assert.DoesNotContain(serve.Events, e => e.Step == BootStep.ReloadApplied);
    }

    /// <summary>The closing note's number: SIGHUP to the reload-applied event, with 1,000 leases in the store.</summary>
    [HostFact]
    public async Task Reload_latency_with_a_thousand_leases()
    {
        var database = Path.Combine(_root, "state", "leases.db");
        Directory.CreateDirectory(Path.GetDirectoryName(database)!);
        using (var store = new SqliteLeaseStore(database))
        {
            for (var i = 0; i < 1000; i++)
            {
                var mac = string.Create(CultureInfo.InvariantCulture, $"52:54:00:00:{i >> 8:x2}:{i & 0xff:x2}");
                await store.SaveAsync(new Lease(mac, new IPAddress([10, 48, (byte)(4 + (i >> 8)), (byte)(i & 0xff)]), DateTimeOffset.UtcNow.AddHours(1)));
            }

            Assert.Equal(1000, store.LoadAll().Count);
        }

        await WriteConfigAsync("old.bin", "10.48.0.100-10.48.0.110", database);
        await using var serve = await ServeProcess.StartAsync(_net.ServerNamespace, "--config", Config);
        var latencies = new List<double>();
        for (var run = 0; run < 5; run++)
        {
            await WriteConfigAsync(run % 2 == 0 ? "new.bin" : "old.bin", "10.48.0.100-10.48.0.110", database);
            var sent = DateTimeOffset.UtcNow;
            await HangUpAsync(serve);
            await Eventually.HoldsAsync(() => serve.Events.Count(e => e.Step == BootStep.ReloadApplied) == run + 1, TimeSpan.FromSeconds(10));
            var applied = serve.Events.Last(e => e.Step == BootStep.ReloadApplied);
            Assert.Equal(["old"], applied.Reload!.ProfilesChanged);
            latencies.Add((applied.Time - sent).TotalMilliseconds);
        }

        output.WriteLine($"reload latency, 1000 leases, SIGHUP to ReloadApplied: {string.Join(", ", latencies.Select(l => l.ToString("0.0", CultureInfo.InvariantCulture)))} ms");
        Assert.All(latencies, l => Assert.InRange(l, 0, 2000));
    }

    private async Task WriteConfigAsync(string bootFile, string range, string? database = null)
    {
        // Written whole and moved into place, as editors and configuration managers do.
        var next = Config + ".new";
        await File.WriteAllTextAsync(next, $"""
            interface: {_net.ServerInterface}
            root: {_root}
            lease-db: {database ?? Path.Combine(_root, "state", "leases.db")}
            dhcp:
              range: {range}
            profiles:
              - name: old
                boot: {bootFile}
            """);
        File.SetUnixFileMode(next, (UnixFileMode)0b110_100_100);
        File.Move(next, Config, overwrite: true);
    }

    private static Task HangUpAsync(ServeProcess serve) => Sh.CheckAsync("kill", "-HUP", serve.Id.ToString(CultureInfo.InvariantCulture));

    /// <summary>The last offer, once the journal read back from the events file holds <paramref name="acks"/> ACKs (each after its offer).</summary>
    private static async Task<BootEvent> OfferAsync(ServeProcess serve, int acks)
    {
        await Eventually.HoldsAsync(() => serve.Events.Count(e => e.Step == BootStep.DhcpAck) >= acks, TimeSpan.FromSeconds(10));
        return serve.Events.Last(e => e.Step == BootStep.DhcpOffer);
    }

    private static async Task<BootEvent> WaitForAsync(ServeProcess serve, BootStep step)
    {
        await Eventually.HoldsAsync(() => serve.Events.Any(e => e.Step == step), TimeSpan.FromSeconds(10));
        return serve.Events.First(e => e.Step == step);
    }
}
