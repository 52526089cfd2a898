using PxeKit.Core.Verdicts;
using PxeKit.Diagnostics.Doctor;

namespace PxeKit.Diagnostics.Tests.Doctor;

/// <summary>The probe's exchanges, judged by the engine's rules: the faults a capture of the same exchanges shows.</summary>
public sealed class ProbeCheckTests
{
    private static (CheckResult Checked, IReadOnlyList<Verdict> Verdicts) Probe(params (string Server, string? Offered, string? File)[] replies)
    {
        var result = new ProbeCheck().Observe(HostEvents.Probe(replies));
        return (result, PxeKit.Diagnostics.Doctor.Doctor.Judge(new DoctorSubject { Interface = "eth1" }, result.Evidence));
    }

    [Fact]
    public void No_answer_is_the_dhcp_unanswered_fault()
    {
        var (_, verdicts) = Probe();

        var unanswered = Assert.Single(verdicts);
        Assert.Equal(FaultId.DhcpUnanswered, unanswered.Fault);
        Assert.Equal("No DHCP server answered.", unanswered.Cause);
    }

    [Fact]
    public void Two_servers_handing_out_addresses_are_the_other_dhcp_server_fault_that_names_both()
    {
        var (result, verdicts) = Probe(("10.0.0.1", "10.0.0.50", "pxelinux.0"), ("10.0.0.2", "10.0.0.77", null));

        var two = Assert.Single(verdicts);
        Assert.Equal(FaultId.OtherDhcpServer, two.Fault);
        Assert.Contains("2 DHCP servers answer", two.Cause, StringComparison.Ordinal);
        Assert.Contains("10.0.0.1 and 10.0.0.2", two.Cause, StringComparison.Ordinal);
        Assert.Contains(result.Observations, o => o.Sentence == "10.0.0.2 answers BIOS clients: offer of 10.0.0.77, no boot file.");
        Assert.Contains(result.Observations, o => o.Sentence == "10.0.0.1 answers BIOS clients: offer of 10.0.0.50, boot file pxelinux.0 from 10.0.0.1.");
    }

    [Fact]
    public void An_address_without_boot_information_and_no_proxy_is_the_offer_without_boot_info_fault()
    {
        var (_, verdicts) = Probe(("10.0.0.1", "10.0.0.50", null));

        Assert.Equal(FaultId.OfferWithoutBootInfo, Assert.Single(verdicts).Fault);
    }

    [Fact]
    public void A_proxy_beside_a_dhcp_server_is_no_fault_and_firmware_without_a_boot_file_is_information()
    {
        var (result, verdicts) = Probe(("10.0.0.1", "10.0.0.50", null), ("10.0.0.9", null, "undionly.kpxe"));

        Assert.Empty(verdicts);
        Assert.Contains(result.Observations, o => o.Sentence.Contains("proxyDHCP offer (no address), boot file undionly.kpxe", StringComparison.Ordinal));
        Assert.Contains(result.Observations, o => o.Kind == ObservationKind.Info && o.Sentence.StartsWith("No server offers a boot file to ARM64 UEFI clients", StringComparison.Ordinal));
    }
}
