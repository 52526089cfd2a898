using PxeKit.Core.Events;
using PxeKit.Core.Verdicts;
using PxeKit.Protocol.Dhcp;
using PxeKit.Diagnostics.Verdicts;

namespace PxeKit.Diagnostics.Tests.Verdicts;

public sealed class ChainloadLoopDetectorTests
{
    private readonly RecordingSink _sink = new();
    private readonly BootJournal _journal;
    private readonly DateTimeOffset _start = DateTimeOffset.UtcNow;

    public ChainloadLoopDetectorTests()
    {
        _journal = new BootJournal(_sink);
        _journal.Attach(new ChainloadLoopDetector(_journal));
    }

    private void Delivered(double seconds, string file, string client = "10.47.0.60") =>
        _journal.Record(new BootEvent { Time = _start.AddSeconds(seconds), Step = BootStep.TftpComplete, Address = client, File = file });

    private void Acked(double seconds, string client = "10.47.0.60") =>
        _journal.Record(new BootEvent { Time = _start.AddSeconds(seconds), Step = BootStep.DhcpAck, Address = client, Mac = "52:54:00:12:34:56", Dhcp = new DhcpFacts { MessageType = DhcpMessageType.Ack } });

    private IReadOnlyList<BootEvent> Verdicts() => _sink.Diagnoses;

    [Fact]
    public void The_same_ipxe_binary_twice_in_a_row_is_a_loop_named_once()
    {
        Acked(0);
        Delivered(1, "undionly.kpxe");
        Acked(14);
        Delivered(15, "undionly.kpxe");
        Acked(28);
        Delivered(29, "undionly.kpxe");

        var verdict = Assert.Single(Verdicts()).Verdict!;
        Assert.Equal(FaultId.ChainloadLoop, verdict.Fault);
        Assert.Equal("10.47.0.60 downloaded undionly.kpxe twice in a row, 14 s apart, with only a DHCP exchange between: an iPXE chainload loop.", verdict.Cause);
        Assert.Contains("user class \"iPXE\"", verdict.Seen, StringComparison.Ordinal);
        Assert.Equal(2, verdict.Evidence.Count);
        // The verdict follows the delivery that shows it, before the next event.
        Assert.Equal(BootStep.Diagnosis, _sink.Events[_sink.Events.ToList().FindIndex(e => e.Time == _start.AddSeconds(15)) + 1].Step);
    }

    [Fact]
    public void Ipxe_then_its_script_then_ipxe_again_after_a_reboot_is_no_loop()
    {
        Delivered(0, "undionly.kpxe");
        _journal.Record(new BootEvent { Time = _start.AddSeconds(14), Step = BootStep.HttpComplete, Address = "10.47.0.60", File = "boot.ipxe" });
        Delivered(60, "undionly.kpxe");

        Assert.Empty(Verdicts());
    }

    /// <summary>Regression: a clean UEFI HTTP Boot was called a loop, because the firmware fetches ipxe.efi twice in a row itself.</summary>
    [Fact]
    public void The_same_binary_twice_without_dhcp_between_is_the_firmware_not_a_loop()
    {
        Acked(0);
        _journal.Record(new BootEvent { Time = _start.AddSeconds(1), Step = BootStep.HttpComplete, Address = "10.47.0.60", File = "/ipxe.efi" });
        _journal.Record(new BootEvent { Time = _start.AddSeconds(2), Step = BootStep.HttpComplete, Address = "10.47.0.60", File = "/ipxe.efi" });

        Assert.Empty(Verdicts());
    }

    [Fact]
    public void Other_programs_and_other_clients_are_no_loop()
    {
        Delivered(0, "pxelinux.0");
        Delivered(5, "pxelinux.0");
        Delivered(6, "ipxe.efi", "10.47.0.61");
        Delivered(7, "ipxe.efi", "10.47.0.62");

        Assert.Empty(Verdicts());
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
