using System.Net;
using PxeKit.Diagnostics.Doctor;
using PxeKit.Protocol.Dhcp;

namespace PxeKit.Diagnostics.Tests.Doctor;

public sealed class ProbeCheckTests
{
    private static ProbeAnswer Offer(ClientArchitecture arch, string server, string offered, string file) =>
        new(arch, IPAddress.Parse(server), IPAddress.Parse(offered), file, file.Length > 0 ? server : "", false, 67);

    [Fact]
    public void No_answer_is_an_error()
    {
        var finding = Assert.Single(new ProbeCheck().Judge("eth1", []));

        Assert.Equal(DoctorSeverity.Error, finding.Severity);
        Assert.Contains("No server answered", finding.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_servers_handing_out_addresses_are_a_warning_that_names_both()
    {
        var findings = new ProbeCheck().Judge("eth1",
        [
            Offer(ClientArchitecture.IntelX86Pc, "10.0.0.1", "10.0.0.50", "pxelinux.0"),
            Offer(ClientArchitecture.IntelX86Pc, "10.0.0.2", "10.0.0.77", ""),
        ]);

        var two = Assert.Single(findings, f => f.Severity == DoctorSeverity.Warning);
        Assert.Contains("2 servers hand out addresses on eth1 (10.0.0.1, 10.0.0.2)", two.Summary, StringComparison.Ordinal);
        Assert.Contains(findings, f => f.Summary == "10.0.0.2 answers BIOS clients: offer of 10.0.0.77, no boot file.");
        Assert.Contains(findings, f => f.Summary == "10.0.0.1 answers BIOS clients: offer of 10.0.0.50, boot file pxelinux.0 from 10.0.0.1.");
    }

    [Fact]
    public void A_proxy_beside_a_dhcp_server_is_no_warning_and_firmware_without_a_boot_file_is_information()
    {
        var findings = new ProbeCheck().Judge("eth1",
        [
            Offer(ClientArchitecture.IntelX86Pc, "10.0.0.1", "10.0.0.50", ""),
            Offer(ClientArchitecture.IntelX86Pc, "10.0.0.9", "0.0.0.0", "undionly.kpxe"),
        ]);

        Assert.DoesNotContain(findings, f => f.Severity is DoctorSeverity.Warning or DoctorSeverity.Error);
        Assert.Contains(findings, f => f.Summary.Contains("proxyDHCP offer (no address), boot file undionly.kpxe", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Severity == DoctorSeverity.Info && f.Summary.StartsWith("No server offers a boot file to UEFI x64 clients", StringComparison.Ordinal));
    }
}
