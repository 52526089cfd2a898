using PxeKit.Core.Verdicts;
using PxeKit.Diagnostics.Tests.Support;
using PxeKit.Protocol.Dhcp;
using PxeKit.Protocol.Tftp;

namespace PxeKit.Diagnostics.Tests.Trace;

/// <summary>Each wire verdict from frames built in code; the real captures are in <see cref="RealCaptureTests"/>.</summary>
public class WireVerdictsTests
{
    private const string Other = "10.0.0.2";

    [Fact]
    public void Discovers_that_nobody_answers()
    {
        var script = new WireScript()
            .At(0).Udp("0.0.0.0", 68, "255.255.255.255", 67, Payloads.Discover(1))
            .At(4).Udp("0.0.0.0", 68, "255.255.255.255", 67, Payloads.Discover(1))
            .At(12).Udp("0.0.0.0", 68, "255.255.255.255", 67, Payloads.Discover(1));

        var verdict = Assert.Single(Explain(script));

        Assert.Equal("No DHCP server answered.", verdict.Cause);
        Assert.Contains("3 DISCOVERs over 12.0 s", verdict.Seen, StringComparison.Ordinal);
        Assert.Contains("UDP 67", verdict.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void A_single_discover_at_the_end_of_a_capture_is_not_yet_a_fault()
    {
        var script = new WireScript().At(0).Udp("0.0.0.0", 68, "255.255.255.255", 67, Payloads.Discover(1));

        Assert.Empty(Explain(script));
    }

    [Fact]
    public void Two_servers_offering_are_named_with_the_one_the_client_took()
    {
        var script = new WireScript()
            .At(0).Udp("0.0.0.0", 68, "255.255.255.255", 67, Payloads.Discover(1))
            .At(0.01).Udp(Other, 67, "10.0.0.200", 68, Payloads.Reply(DhcpMessageType.Offer, 1, Other, "10.0.0.200", null))
            .At(0.02).Udp(Boots.Server, 67, Boots.Client, 68, Payloads.Reply(DhcpMessageType.Offer, 1, Boots.Server, Boots.Client, "pxelinux.0"))
            .At(1).Udp("0.0.0.0", 68, "255.255.255.255", 67, Payloads.Request(DhcpMessageType.Request, 1, server: Other, requested: "10.0.0.200"))
            .At(1.01).Udp(Other, 67, "10.0.0.200", 68, Payloads.Reply(DhcpMessageType.Ack, 1, Other, "10.0.0.200", null));

        var verdicts = Explain(script);

        var several = Assert.Single(verdicts, v => v.Cause.StartsWith("2 DHCP servers", StringComparison.Ordinal));
        Assert.Contains("10.0.0.2 offered 10.0.0.200 with no boot information", several.Seen, StringComparison.Ordinal);
        Assert.Contains("10.0.0.1 offered 10.0.0.100 with boot file pxelinux.0", several.Seen, StringComparison.Ordinal);
        Assert.Contains("took the offer of 10.0.0.2", several.Seen, StringComparison.Ordinal);
    }

    [Fact]
    public void Fault_g_an_offer_without_boot_information_and_no_proxy_answer()
    {
        var script = new WireScript().Lease(bootFile: null);

        var verdict = Assert.Single(Explain(script));

        Assert.Equal(FaultId.OfferWithoutBootInfo, verdict.Fault);
        Assert.Contains("got the address 10.0.0.100 from 10.0.0.1, with no boot information", verdict.Cause, StringComparison.Ordinal);
        Assert.Contains("no proxyDHCP offer came from anywhere", verdict.Seen, StringComparison.Ordinal);
        Assert.StartsWith("10.0.0.1 is not set up for network boot: run a PXE server in proxy mode beside it (pxekit serve --proxy", verdict.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void An_offer_without_boot_information_is_fine_when_a_proxy_dhcp_server_answers()
    {
        var script = new WireScript().Lease(bootFile: null)
            .At(0.02).Udp(Other, 67, "255.255.255.255", 68, Payloads.Reply(DhcpMessageType.Offer, 0x1234, Other, null, "undionly.kpxe", pxeOptions: true));

        Assert.Empty(Explain(script));
    }

    [Fact]
    public void An_offer_naming_a_boot_server_in_sname_counts_as_boot_information()
    {
        var offer = Payloads.Reply(DhcpMessageType.Offer, 0x1234, Boots.Server, Boots.Client, null);
        "tftp.example"u8.CopyTo(offer.AsSpan(DhcpConstants.ServerNameOffset));
        var script = new WireScript()
            .At(0).Udp("0.0.0.0", 68, "255.255.255.255", 67, Payloads.Discover(0x1234))
            .At(0.01).Udp(Boots.Server, 67, Boots.Client, 68, offer);

        var analyzer = script.Run();

        Assert.Empty(Diagnosis.Of(analyzer));
        Assert.EndsWith("boot server tftp.example, no boot file", analyzer.Clients[0].Events[1].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void An_address_only_lease_of_a_machine_that_does_not_network_boot_is_no_fault()
    {
        var script = new WireScript()
            .At(0).Udp("0.0.0.0", 68, "255.255.255.255", 67, Payloads.Discover(1, vendor: "udhcp 1.36.1"))
            .At(0.01).Udp(Boots.Server, 67, Boots.Client, 68, Payloads.Reply(DhcpMessageType.Offer, 1, Boots.Server, Boots.Client, null));

        Assert.Empty(Explain(script));
    }

    [Fact]
    public void Fault_j_relayed_offers_without_boot_information()
    {
        const string relay = "10.9.0.1";
        var script = new WireScript()
            .At(0).Udp(relay, 67, Boots.Server, 67, Payloads.Discover(1, relay: relay))
            .At(0.01).Udp(Boots.Server, 67, relay, 67, Payloads.Reply(DhcpMessageType.Offer, 1, Boots.Server, "10.9.0.50", null, relay: relay));

        var verdict = Assert.Single(Explain(script));

        Assert.Equal(FaultId.RelaySkipsPxeKit, verdict.Fault);
        Assert.StartsWith("A DHCP relay 10.9.0.1 forwards the requests of 52:54:00:00:00:01 to 10.0.0.1 only, never to the PXE server", verdict.Cause, StringComparison.Ordinal);
        Assert.Contains("through the relay 10.9.0.1", verdict.Seen, StringComparison.Ordinal);
        Assert.Contains("ip helper-address", verdict.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Fault_i_requests_to_the_boot_server_on_4011_that_nobody_answers()
    {
        const string uefi = "PXEClient:Arch:00007:UNDI:003016";
        var script = new WireScript()
            .At(0).Udp("0.0.0.0", 68, "255.255.255.255", 67, Payloads.Discover(1, vendor: uefi))
            .At(0.01).Udp(Boots.Server, 67, Boots.Client, 68, Payloads.Reply(DhcpMessageType.Offer, 1, Boots.Server, Boots.Client, null))
            .At(0.02).Udp(Other, 67, "255.255.255.255", 68, Payloads.Reply(DhcpMessageType.Offer, 1, Other, null, null, pxeOptions: true))
            .At(2).Udp(Boots.Client, 68, Other, 4011, Payloads.Request(DhcpMessageType.Request, 2, vendor: uefi))
            .At(6).Udp(Boots.Client, 68, Other, 4011, Payloads.Request(DhcpMessageType.Request, 2, vendor: uefi));

        var verdict = Assert.Single(Explain(script));

        Assert.Equal("The boot server on UDP 4011 did not answer.", verdict.Cause);
        Assert.Contains("2 REQUESTs to 10.0.0.2:4011", verdict.Seen, StringComparison.Ordinal);
        Assert.StartsWith("open UDP 4011", verdict.Fix, StringComparison.Ordinal);
    }

    /// <summary>Regression: one iPXE request answered with an iPXE binary was called a loop; an iPXE ROM chainloading a newer iPXE does just that.</summary>
    [Fact]
    public void Fault_h_ipxe_answered_with_ipxe_is_a_loop_only_once_it_is_loaded_again()
    {
        var once = new WireScript().Lease(bootFile: "undionly.kpxe", ipxe: true).Download(2, "undionly.kpxe", 2070, 50001);
        Assert.Empty(Explain(once));

        var again = new WireScript().Lease(bootFile: "undionly.kpxe", ipxe: true).Download(2, "undionly.kpxe", 2070, 50001)
            .At(15).Udp("0.0.0.0", 68, "255.255.255.255", 67, Payloads.Discover(0x5678, ipxe: true))
            .At(15.01).Udp(Boots.Server, 67, Boots.Client, 68, Payloads.Reply(DhcpMessageType.Offer, 0x5678, Boots.Server, Boots.Client, "undionly.kpxe"))
            .Download(16, "undionly.kpxe", 2071, 50002);
        var verdict = Assert.Single(Explain(again));
        Assert.Equal(FaultId.ChainloadLoop, verdict.Fault);
        Assert.StartsWith("52:54:00:00:00:01 downloaded undionly.kpxe twice in a row, 14 s apart, with only a DHCP exchange between.", verdict.Seen, StringComparison.Ordinal);
        Assert.Contains("user class iPXE", verdict.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Fault_h_the_same_ipxe_binary_fetched_three_times()
    {
        var script = new WireScript().Lease(bootFile: "ipxe.efi")
            .Download(2, "ipxe.efi", 2070, 50001)
            .Download(20, "ipxe.efi", 2071, 50002)
            .Download(40, "ipxe.efi", 2072, 50003);

        var verdict = Assert.Single(Explain(script));

        Assert.Contains("fetched ipxe.efi 3 times", verdict.Seen, StringComparison.Ordinal);
    }

    [Fact]
    public void Fault_h_ipxe_efi_fetched_over_http_three_times()
    {
        var script = new WireScript();
        for (int i = 0; i < 3; i++)
        {
            script.At(10 * i).Tcp(Boots.Client, 40000 + i, Boots.Server, 80, "GET /ipxe.efi HTTP/1.1\r\n\r\n")
                .At((10 * i) + 1).Tcp(Boots.Server, 80, Boots.Client, 40000 + i, "HTTP/1.1 200 OK\r\nContent-Length: 850528\r\n\r\n");
        }

        var verdict = Assert.Single(Explain(script));

        Assert.Contains("fetched ipxe.efi 3 times", verdict.Seen, StringComparison.Ordinal);
    }

    [Fact]
    public void Ipxe_loading_once_and_then_a_script_is_no_loop()
    {
        var script = new WireScript().Lease(bootFile: "undionly.kpxe").Download(2, "undionly.kpxe", 2070, 50001)
            .Lease(xid: 99, bootFile: "http://10.0.0.1/boot.ipxe", ipxe: true);

        Assert.Empty(Explain(script));
    }

    [Fact]
    public void A_missing_boot_file_is_named()
    {
        var script = new WireScript().Lease(bootFile: "bootx64.efi")
            .At(2).Udp(Boots.Client, 2070, Boots.Server, 69, Payloads.ReadRequest("bootx64.efi"))
            .At(2.01).Udp(Boots.Server, 50001, Boots.Client, 2070, Payloads.Error(TftpErrorCode.FileNotFound, "File not found"));

        var verdict = Assert.Single(Explain(script));

        Assert.Equal("52:54:00:00:00:01 asked for bootx64.efi and the TFTP server at 10.0.0.1 does not have it.", verdict.Cause);
        Assert.Equal("The server answered TFTP ERROR 1 (FileNotFound).", verdict.Seen);
        Assert.StartsWith("put bootx64.efi in the server's boot root", verdict.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Pxelinux_looking_for_its_configuration_under_several_names_is_no_fault()
    {
        var script = new WireScript().Lease()
            .At(2).Udp(Boots.Client, 2070, Boots.Server, 69, Payloads.ReadRequest("pxelinux.cfg/01-52-54-00-00-00-01"))
            .At(2.01).Udp(Boots.Server, 50001, Boots.Client, 2070, Payloads.Error(TftpErrorCode.FileNotFound, "File not found"))
            .Download(3, "pxelinux.cfg/default", 2071, 50002, blocks: 0);

        Assert.Empty(Explain(script));
    }

    [Fact]
    public void Read_requests_that_nothing_answers_point_at_port_69_or_the_way_back()
    {
        var script = new WireScript().Lease()
            .At(2).Udp(Boots.Client, 2070, Boots.Server, 69, Payloads.ReadRequest("pxelinux.0"))
            .At(3).Udp(Boots.Client, 2070, Boots.Server, 69, Payloads.ReadRequest("pxelinux.0"))
            .At(5).Udp(Boots.Client, 2070, Boots.Server, 69, Payloads.ReadRequest("pxelinux.0"))
            .At(30).Udp("0.0.0.0", 68, "255.255.255.255", 67, Payloads.Discover(5));

        var verdict = Assert.Single(Explain(script));

        Assert.Contains("3 read requests for pxelinux.0 to 10.0.0.1:69", verdict.Seen, StringComparison.Ordinal);
        Assert.Equal("Nothing answered the TFTP requests for pxelinux.0.", verdict.Cause);
        Assert.Contains("drops UDP 69", verdict.Fix, StringComparison.Ordinal);
        Assert.Contains("dropped on the way back", verdict.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Data_that_is_never_acknowledged_points_at_the_return_path()
    {
        var script = new WireScript().Lease()
            .At(2).Udp(Boots.Client, 2070, Boots.Server, 69, Payloads.ReadRequest("pxelinux.0"))
            .At(2.01).Udp(Boots.Server, 50001, Boots.Client, 2070, Payloads.Data(1, 512))
            .At(3.01).Udp(Boots.Server, 50001, Boots.Client, 2070, Payloads.Data(1, 512))
            .At(5.01).Udp(Boots.Server, 50001, Boots.Client, 2070, Payloads.Data(1, 512))
            .At(30).Udp("0.0.0.0", 68, "255.255.255.255", 67, Payloads.Discover(5));

        var verdict = Assert.Single(Explain(script));

        Assert.Equal((FaultId.TftpReturnPathBlocked, Confidence.Likely), (verdict.Fault, verdict.Confidence));
        Assert.Equal("10.0.0.1 sent the first block of pxelinux.0 to 10.0.0.100 and no acknowledgment came back: the request got in, the answer did not get back.", verdict.Cause);
        Assert.Contains("nf_conntrack_tftp", verdict.Fix, StringComparison.Ordinal);
    }

    private static IReadOnlyList<Verdict> Explain(WireScript script) => Diagnosis.Of(script.Run());
}
