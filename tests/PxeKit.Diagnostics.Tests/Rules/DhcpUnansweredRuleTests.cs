using PxeKit.Core.Verdicts;
using static PxeKit.Diagnostics.Tests.Rules.Ev;

namespace PxeKit.Diagnostics.Tests.Rules;

public sealed class DhcpUnansweredRuleTests
{
    [Fact]
    public async Task Solicits_no_server_answered_are_said_in_their_ipv6_words()
    {
        using var engine = new EngineHarness(readsHost: false);
        engine.Feed(Solicit(wire: true)).Advance(4).Feed(Solicit(wire: true)).Advance(4).Finish();

        var verdict = Assert.Single(await engine.SaidAsync());
        Assert.Equal((FaultId.DhcpUnanswered, Mac), (verdict.Fault, verdict.Client));
        Assert.Equal("No DHCPv6 server answered.", verdict.Cause);
        Assert.StartsWith("52:54:00:12:34:56 sent 2 DHCPv6 Solicits to UDP 547 over 4.0 s", verdict.Seen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Solicits_after_a_dhcpv4_answer_are_the_firmware_trying_its_next_boot_entry_and_not_a_cause()
    {
        // UEFI's PXE over IPv4 was answered, its boot failed, and the firmware went on to PXE over IPv6 on a network
        // without DHCPv6: the IPv4 boot is the one to explain.
        using var engine = new EngineHarness(readsHost: false);
        engine.Feed(Request(), Reply(file: "ipxe.efi"), Delivered("ipxe.efi")).Advance(10).Feed(Solicit(wire: true)).Advance(4).Feed(Solicit(wire: true)).Advance(4).Finish();

        Assert.Empty(await engine.SaidAsync());
    }
}
