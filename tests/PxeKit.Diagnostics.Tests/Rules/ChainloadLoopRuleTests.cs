using PxeKit.Core.Events;
using PxeKit.Core.Verdicts;
using PxeKit.Diagnostics.Verdicts;
using PxeKit.Protocol.Dhcp;
using static PxeKit.Diagnostics.Tests.Rules.Ev;

namespace PxeKit.Diagnostics.Tests.Rules;

public sealed class ChainloadLoopRuleTests : IDisposable
{
    private readonly EngineHarness _engine = new();

    public void Dispose() => _engine.Dispose();

    private EngineHarness Acked() => _engine.Feed(Reply(DhcpMessageType.Ack, file: "undionly.kpxe"));

    [Fact]
    public async Task The_same_ipxe_binary_twice_in_a_row_with_dhcp_between_is_a_loop_named_once()
    {
        Acked().Advance(1).Feed(Delivered("undionly.kpxe")).Advance(13);
        Acked().Advance(1).Feed(Delivered("undionly.kpxe")).Advance(13);
        Acked().Advance(1).Feed(Delivered("undionly.kpxe"));

        var verdict = Assert.Single(await _engine.SaidAsync());
        Assert.Equal((FaultId.ChainloadLoop, Mac), (verdict.Fault, verdict.Client));
        Assert.Equal("An iPXE chainload loop: 52:54:00:12:34:56 is given undionly.kpxe, iPXE itself, each time iPXE asks, and never boots anything else.", verdict.Cause);
        Assert.StartsWith("52:54:00:12:34:56 downloaded undionly.kpxe twice in a row, 14 s apart, with only a DHCP exchange between.", verdict.Seen, StringComparison.Ordinal);
        Assert.Contains("user class \"iPXE\"", verdict.Seen, StringComparison.Ordinal);
        Assert.Equal(2, verdict.Evidence.Count);
    }

    [Fact]
    public async Task Ipxe_then_its_script_then_ipxe_again_is_no_loop()
    {
        Acked().Feed(Delivered("undionly.kpxe"), Delivered("boot.ipxe", step: BootStep.HttpComplete)).Advance(60);
        Acked().Feed(Delivered("undionly.kpxe"));

        Assert.Empty(await _engine.SaidAsync());
    }

    /// <summary>Regression: a clean UEFI HTTP Boot was called a loop, because the firmware fetches ipxe.efi twice in a row itself.</summary>
    [Fact]
    public async Task The_same_binary_twice_without_dhcp_between_is_the_firmware_not_a_loop()
    {
        Acked().Feed(Delivered("/ipxe.efi", step: BootStep.HttpComplete), Delivered("/ipxe.efi", step: BootStep.HttpComplete));

        Assert.Empty(await _engine.SaidAsync());
    }

    [Fact]
    public async Task Other_programs_and_other_clients_are_no_loop()
    {
        Acked().Feed(Delivered("pxelinux.0")).Advance(5);
        Acked().Feed(Delivered("pxelinux.0"), Delivered("ipxe.efi") with { Address = "10.47.0.61" }, Delivered("ipxe.efi") with { Address = "10.47.0.62" });

        Assert.Empty(await _engine.SaidAsync());
    }

    [Theory]
    [InlineData("undionly.kpxe", true)]
    [InlineData("/boot/ipxe.efi", true)]
    [InlineData("snponly.efi", true)]
    [InlineData("ipxe-arm64.efi", true)]
    [InlineData("grubx64.efi", false)]
    [InlineData("pxelinux.0", false)]
    [InlineData("", false)]
    public void Ipxe_binaries_are_told_by_name(string file, bool ipxe) => Assert.Equal(ipxe, IpxeBinaryNames.IsIpxe(file));
}
