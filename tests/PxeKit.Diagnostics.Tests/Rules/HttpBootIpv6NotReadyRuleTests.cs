using PxeKit.Core.Events;
using PxeKit.Core.Verdicts;
using static PxeKit.Diagnostics.Tests.Rules.Ev;

namespace PxeKit.Diagnostics.Tests.Rules;

public sealed class HttpBootIpv6NotReadyRuleTests : IDisposable
{
    private readonly EngineHarness _engine = new(readsHost: false);

    public void Dispose() => _engine.Dispose();

    private static BootEvent Started(NetworkBootClient client = NetworkBootClient.HttpBoot, IpFamily family = IpFamily.Ipv6) =>
        Console(BootStep.Firmware) with { Mac = null, NetworkBoot = new NetworkBootFacts { Client = client, Family = family } };

    private static BootEvent Failed => Console(BootStep.ConsoleError, ConsoleFailure.NetworkBootFailed) with { Mac = null };

    /// <summary>The boot manager's line after it: the boot option that failed, which names the machine's MAC.</summary>
    private static BootEvent OptionFailed => Console(BootStep.ConsoleError, ConsoleFailure.ProgramNotStarted);

    [Fact]
    public async Task Http_boot_over_ipv6_that_fails_at_once_without_a_solicit_is_named_for_the_machine_of_the_failed_boot_option()
    {
        _engine.Feed(Started()).Advance(0.01).Feed(Failed).Advance(0.01).Feed(OptionFailed);

        var verdict = Assert.Single(await _engine.SaidAsync());
        Assert.Equal((FaultId.HttpBootIpv6NotReady, Mac), (verdict.Fault, verdict.Client));
        Assert.StartsWith("52:54:00:12:34:56's firmware gave up on UEFI HTTP Boot over IPv6 before it asked DHCPv6", verdict.Cause, StringComparison.Ordinal);
        Assert.Equal("The firmware said HTTP Boot over IPv6 started and failed 0.0 s later, and no DHCPv6 Solicit from it reached the server's interface.", verdict.Seen);
        Assert.StartsWith("update the firmware (edk2-stable202508 or later)", verdict.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failure_after_its_solicits_went_unanswered_is_not_this_fault()
    {
        _engine.Feed(Started()).Advance(0.5).Feed(Solicit(wire: true)).Advance(30).Feed(Failed, OptionFailed).Finish();

        Assert.DoesNotContain(await _engine.SaidAsync(), v => v.Fault == FaultId.HttpBootIpv6NotReady);
    }

    [Fact]
    public async Task A_solicit_read_before_the_console_said_the_start_counts_as_the_boot_s_own()
    {
        // The console is read a moment after it is written: the wire may show the Solicit first.
        _engine.Feed(Solicit(wire: true)).Advance(0.5).Feed(Started()).Advance(0.2).Feed(Failed, OptionFailed).Finish();

        Assert.DoesNotContain(await _engine.SaidAsync(), v => v.Fault == FaultId.HttpBootIpv6NotReady);
    }

    [Theory]
    [InlineData(NetworkBootClient.HttpBoot, IpFamily.Ipv4)]
    [InlineData(NetworkBootClient.Pxe, IpFamily.Ipv6)]
    public async Task Other_clients_that_fail_at_once_are_not_this_fault(NetworkBootClient client, IpFamily family)
    {
        _engine.Feed(Started(client, family)).Advance(0.01).Feed(Failed, OptionFailed).Finish();

        Assert.DoesNotContain(await _engine.SaidAsync(), v => v.Fault == FaultId.HttpBootIpv6NotReady);
    }

    [Fact]
    public async Task Without_a_later_line_naming_the_machine_it_is_said_when_the_evidence_ends()
    {
        _engine.Feed(Started()).Advance(0.01).Feed(Failed).Finish();

        var verdict = Assert.Single(await _engine.SaidAsync(), v => v.Fault == FaultId.HttpBootIpv6NotReady);
        Assert.StartsWith("the machine's firmware gave up", verdict.Cause, StringComparison.Ordinal);
    }
}
