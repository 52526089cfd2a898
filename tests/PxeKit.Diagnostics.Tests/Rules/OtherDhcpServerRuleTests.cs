using PxeKit.Core.Events;
using PxeKit.Core.Verdicts;
using PxeKit.Protocol.Dhcp;
using static PxeKit.Diagnostics.Tests.Rules.Ev;

namespace PxeKit.Diagnostics.Tests.Rules;

public sealed class OtherDhcpServerRuleTests : IDisposable
{
    private readonly EngineHarness _engine = new();

    public void Dispose() => _engine.Dispose();

    [Fact]
    public async Task Another_server_offering_beside_pxekit_is_named_once_with_both_offers()
    {
        _engine.Feed(
            Request(),
            Reply(server: "10.47.0.2", address: "10.47.0.160", wire: true),
            Reply(file: "pxelinux.0"),
            Reply(DhcpMessageType.Ack, server: "10.47.0.2", address: "10.47.0.160", wire: true));
        Assert.Empty(await _engine.Advance(1.9).SaidAsync());

        // No REQUEST from the machine within the grace: told without whose offer it took.
        var verdict = Assert.Single(await _engine.Advance(0.2).SaidAsync());
        Assert.Equal(FaultId.OtherDhcpServer, verdict.Fault);
        Assert.StartsWith("2 DHCP servers answer 52:54:00:12:34:56: 10.47.0.1 and 10.47.0.2.", verdict.Cause, StringComparison.Ordinal);
        Assert.Contains("10.47.0.2 offered 10.47.0.160 with no boot information", verdict.Seen, StringComparison.Ordinal);
        Assert.Contains("10.47.0.1 offered 10.47.0.60 with boot file pxelinux.0", verdict.Seen, StringComparison.Ordinal);
        Assert.Contains("--proxy", verdict.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_naming_a_server_tells_at_once_whose_offer_was_taken()
    {
        _engine.Feed(Request(), Reply(file: "pxelinux.0"), Reply(server: "10.47.0.2", address: "10.47.0.160", wire: true), Ignored(DhcpIgnoreReason.OtherServerChosen, "10.47.0.2"));

        var verdicts = await _engine.SaidAsync();
        Assert.Equal([FaultId.OtherDhcpServer, FaultId.TookOtherOffer], verdicts.Select(v => v.Fault).Order());
        Assert.EndsWith("The client took the offer of 10.47.0.2 (the server identifier in its REQUEST).", verdicts.Single(v => v.Fault == FaultId.OtherDhcpServer).Seen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_machine_that_took_the_other_offer_is_named_too()
    {
        _engine.Feed(Ignored(DhcpIgnoreReason.OtherServerChosen, "10.47.0.2"), Ignored(DhcpIgnoreReason.OtherServerChosen, "10.47.0.2"));

        var verdict = Assert.Single(await _engine.SaidAsync());
        Assert.Equal(FaultId.TookOtherOffer, verdict.Fault);
        Assert.Equal("52:54:00:12:34:56 took the offer of the other DHCP server 10.47.0.2, not PxeKit's: it boots with what that server told it.", verdict.Cause);
    }

    [Fact]
    public async Task Pxekits_own_offers_and_a_proxy_offer_beside_one_server_raise_no_alarm()
    {
        _engine.Feed(Request(), Reply(file: "pxelinux.0"), Reply(DhcpMessageType.Ack, file: "pxelinux.0"), Ignored(DhcpIgnoreReason.PoolExhausted));
        _engine.Feed(Reply(server: "10.47.0.2", address: "10.47.0.160", wire: true) with { Mac = "52:54:00:00:00:02" }, Reply(address: null, file: "ipxe.efi") with { Mac = "52:54:00:00:00:02" });

        Assert.Empty(await _engine.SaidAsync());
    }
}
