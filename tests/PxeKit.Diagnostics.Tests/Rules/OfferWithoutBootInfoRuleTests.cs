using PxeKit.Core.Verdicts;
using PxeKit.Diagnostics.Engine;
using static PxeKit.Diagnostics.Tests.Rules.Ev;

namespace PxeKit.Diagnostics.Tests.Rules;

public sealed class OfferWithoutBootInfoRuleTests : IDisposable
{
    // As serve --no-dhcp: the capture, no DHCP socket.
    private readonly EngineHarness _engine = new(sockets: PxeKitSockets.Tftp);

    public void Dispose() => _engine.Dispose();

    [Fact]
    public async Task A_pxe_client_given_an_address_and_no_boot_file_is_told_to_use_proxy_mode_once_the_grace_is_over()
    {
        _engine.Feed(WireRequest(), Reply(server: "10.47.0.2", wire: true), Reply(server: "10.47.0.2", wire: true)).Advance(1.5);
        Assert.Empty(await _engine.SaidAsync());

        var verdict = Assert.Single(await _engine.Advance(1).SaidAsync());
        Assert.Equal(FaultId.OfferWithoutBootInfo, verdict.Fault);
        Assert.Equal("52:54:00:12:34:56 asked for a network boot and got the address 10.47.0.60 from 10.47.0.2, with no boot information, and no PXE server answered: it has an address and nothing to boot.", verdict.Cause);
        // PxeKit serves files here without DHCP (--no-dhcp): the fix is its own proxy mode.
        Assert.StartsWith("run PxeKit with --proxy instead of --no-dhcp", verdict.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_proxy_offer_within_the_grace_or_a_machine_that_is_not_booting_is_no_alarm()
    {
        _engine.Feed(WireRequest(), Reply(server: "10.47.0.2", wire: true), Reply(address: null, file: "ipxe.efi")).Advance(3);
        _engine.Feed(WireRequest(mac: "52:54:00:00:00:98", vendor: "udhcp 1.35.0"), Reply(server: "10.47.0.2", address: "10.47.0.98", wire: true) with { Mac = "52:54:00:00:00:98" }).Advance(3).Finish();

        Assert.Empty(await _engine.SaidAsync());
    }

    /// <summary>Regression: a clean UEFI boot through PxeKit as proxyDHCP was called bootless: its offer has no file, it points at port 4011.</summary>
    [Fact]
    public async Task A_proxy_offer_without_a_file_that_sends_uefi_to_the_boot_server_is_boot_information()
    {
        var proxy = Reply(address: null) with { Dhcp = Reply().Dhcp! with { VendorClass = "PXEClient", MessageType = Protocol.Dhcp.DhcpMessageType.Offer } };
        _engine.Feed(WireRequest(), Reply(server: "10.47.0.2", wire: true), proxy).Advance(3).Finish();

        Assert.Empty(await _engine.SaidAsync());
    }

    [Fact]
    public async Task An_offer_through_a_relay_is_the_relay_fault_not_this_one()
    {
        _engine.Feed(WireRequest(), Reply(server: "10.47.0.2", relay: "10.9.0.1", wire: true)).Advance(3);

        var verdict = Assert.Single(await _engine.SaidAsync());
        Assert.Equal(FaultId.RelaySkipsPxeKit, verdict.Fault);
        Assert.StartsWith("A DHCP relay 10.9.0.1 forwards the requests of 52:54:00:12:34:56 to 10.47.0.2 only, never to the PXE server", verdict.Cause, StringComparison.Ordinal);
    }
}
