using System.Diagnostics;
using PxeKit.Cli.Tests.Support;
using PxeKit.Core.Events;

namespace PxeKit.Cli.Tests.Integration;

/// <summary>
/// <c>router-advertisements: quiet</c> with real peers (issue 16, item 6): ndisc6's <c>rdisc6</c> solicits and gets an
/// advertisement that configures nothing; once radvd advertises a router on the segment, <c>serve</c> journals
/// <c>RouterHeard</c> and answers no more solicitations. Served as nobody: the raw ICMPv6 socket needs only the
/// capabilities the serving user keeps.
/// </summary>
[Trait("Category", "Integration")]
public sealed class RouterSolicitationTests : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("pxekit-ra-").FullName;
    private VethNetwork _net = null!;

    public async Task InitializeAsync()
    {
        File.SetUnixFileMode(_root, (UnixFileMode)0b111_101_101);
        await File.WriteAllTextAsync(Path.Combine(_root, "boot.bin"), "boot program");
        File.SetUnixFileMode(Path.Combine(_root, "boot.bin"), (UnixFileMode)0b110_100_100);
        _net = await VethNetwork.CreateAsync();
    }

    public async Task DisposeAsync()
    {
        await _net.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    [HostFact(Programs = ["rdisc6", "radvd"])]
    public async Task A_solicitation_gets_an_advertisement_that_configures_nothing_until_a_router_advertises_itself()
    {
        await using var serve = await ServeProcess.StartAsync(
            _net.ServerNamespace, "--interface", _net.ServerInterface, "--root", _root, "--bootfile", "boot.bin", "--no-dhcp",
            "--router-advertisements", "quiet", "--user", "nobody");

        // Until both link-local addresses are past duplicate address detection, a solicitation may go unanswered.
        Sh.Result answer = null!;
        await Eventually.HoldsAsync(async () => (answer = await SolicitAsync()).ExitCode == 0, TimeSpan.FromSeconds(15));
        Assert.Matches(@"Router lifetime\s*:\s*0 \(0x0+\) seconds", answer.Output);
        Assert.Matches(@"Stateful address conf\.\s*:\s*No", answer.Output);
        Assert.Matches(@"Stateful other conf\.\s*:\s*No", answer.Output);
        Assert.DoesNotContain("Prefix", answer.Output, StringComparison.Ordinal);
        await Eventually.HoldsAsync(() => serve.Events.Any(e => e.Step == BootStep.RouterSolicitationAnswered && e.Address!.StartsWith("fe80:", StringComparison.Ordinal)), TimeSpan.FromSeconds(5));

        using (var radvd = await StartRadvdAsync())
        {
            await Eventually.HoldsAsync(() => serve.Events.Any(e => e.Step == BootStep.RouterHeard), TimeSpan.FromSeconds(15));
            radvd.Kill();
            await radvd.WaitForExitAsync();
        }

        var answered = serve.Events.Count(e => e.Step == BootStep.RouterSolicitationAnswered);
        var unanswered = await SolicitAsync();
        Assert.NotEqual(0, unanswered.ExitCode);
        Assert.Equal(answered, serve.Events.Count(e => e.Step == BootStep.RouterSolicitationAnswered));
        Assert.Single(serve.Events, e => e.Step == BootStep.RouterHeard);
        Assert.False(serve.HasExited, serve.Error);
    }

    [HostFact(Programs = ["rdisc6"])]
    public async Task In_managed_mode_a_solicitation_gets_the_managed_flag_and_the_interfaces_prefix_on_link()
    {
        await Sh.CheckAsync("ip", "-n", _net.ServerNamespace, "addr", "add", "fd00:48::1/64", "dev", _net.ServerInterface);
        await using var serve = await ServeProcess.StartAsync(
            _net.ServerNamespace, "--interface", _net.ServerInterface, "--root", _root, "--bootfile", "boot.bin", "--no-dhcp",
            "--router-advertisements", "managed", "--user", "nobody");

        Sh.Result answer = null!;
        await Eventually.HoldsAsync(async () => (answer = await SolicitAsync()).ExitCode == 0, TimeSpan.FromSeconds(15));
        Assert.Matches(@"Stateful address conf\.\s*:\s*Yes", answer.Output);
        Assert.Matches(@"Stateful other conf\.\s*:\s*Yes", answer.Output);
        Assert.Matches(@"Router lifetime\s*:\s*0 \(0x0+\) seconds", answer.Output);
        Assert.Matches(@"Prefix\s*:\s*fd00:48::/64", answer.Output);
        Assert.Matches(@"On-link\s*:\s*Yes", answer.Output);
        Assert.Matches(@"Autonomous address conf\.\s*:\s*No", answer.Output);
        await Eventually.HoldsAsync(() => serve.Events.Any(e => e.Step == BootStep.RouterSolicitationAnswered), TimeSpan.FromSeconds(5));
    }

    /// <summary>One solicitation from the client side, with two retries a second apart: rdisc6 exits 0 when a router answered.</summary>
    private Task<Sh.Result> SolicitAsync() =>
        Sh.InNamespaceAsync(_net.ClientNamespace, TimeSpan.FromSeconds(10), "rdisc6", "-1", "-r", "3", "-w", "1000", _net.ClientInterface);

    /// <summary>radvd on the client side advertising itself as a default router for ten minutes, every 3 to 4 s.</summary>
    private async Task<Process> StartRadvdAsync()
    {
        var config = Path.Combine(_root, "radvd.conf");
        await File.WriteAllTextAsync(config, $$"""
            interface {{_net.ClientInterface}} {
              AdvSendAdvert on;
              MinRtrAdvInterval 3;
              MaxRtrAdvInterval 4;
              AdvDefaultLifetime 600;
            };
            """);
        await Sh.CheckAsync("ip", "netns", "exec", _net.ClientNamespace, "sysctl", "-qw", "net.ipv6.conf.all.forwarding=1");
        var start = new ProcessStartInfo("ip", ["netns", "exec", _net.ClientNamespace, "radvd", "--nodaemon", "--config", config,
            "--pidfile", Path.Combine(_root, "radvd.pid"), "--logmethod", "stderr"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        return Process.Start(start)!;
    }
}
