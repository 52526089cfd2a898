using PxeKit.Core.Events;
using PxeKit.Core.Verdicts;
using static PxeKit.Diagnostics.Tests.Rules.Ev;

namespace PxeKit.Diagnostics.Tests.Rules;

public sealed class RelaySkipsPxeKitRuleTests : IDisposable
{
    private readonly EngineHarness _engine = new();

    public void Dispose() => _engine.Dispose();

    private static BootEvent Forwarded() => WireRequest(BootStep.WireDhcpForwarded) with
    {
        Server = "10.47.0.2",
        Dhcp = WireRequest().Dhcp! with { RelayAddress = "10.9.0.1", Destination = "10.47.0.2" },
    };

    [Fact]
    public async Task A_relayed_copy_to_another_server_that_never_reaches_the_socket_is_named_with_the_helper_to_add()
    {
        _engine.Feed(Forwarded(), Forwarded()).Advance(2.5);

        var verdict = Assert.Single(await _engine.SaidAsync());
        Assert.Equal(FaultId.RelaySkipsPxeKit, verdict.Fault);
        Assert.StartsWith("A DHCP relay 10.9.0.1 forwards the requests of 52:54:00:12:34:56 to 10.47.0.2 only, never to the PXE server", verdict.Cause, StringComparison.Ordinal);
        Assert.Contains("relayed by 10.9.0.1 to 10.47.0.2:67", verdict.Seen, StringComparison.Ordinal);
        Assert.StartsWith("add PxeKit (10.47.0.1) as one more destination on the relay 10.9.0.1", verdict.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_alarm_when_a_copy_reaches_pxekit_too()
    {
        _engine.Feed(Forwarded(), Request() with { Dhcp = Request().Dhcp! with { RelayAddress = "10.9.0.1" } }).Advance(3).Finish();

        Assert.Empty(await _engine.SaidAsync());
    }
}
