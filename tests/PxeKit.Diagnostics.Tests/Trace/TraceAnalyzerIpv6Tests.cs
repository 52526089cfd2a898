using PxeKit.Core.Capture;
using PxeKit.Core.Events;
using PxeKit.Core.Verdicts;
using PxeKit.Diagnostics.Tests.Support;
using PxeKit.Diagnostics.Trace;
using PxeKit.Protocol.Dhcp6;
using PxeKit.Protocol.Tftp;

namespace PxeKit.Diagnostics.Tests.Trace;

/// <summary>
/// DHCPv6 (TraceAnalyzer.Dhcp6), router discovery (TraceAnalyzer.Icmpv6), and TFTP over IPv6 through the same TFTP
/// analysis: the steps serve journals, tied to the client's MAC.
/// </summary>
public sealed class TraceAnalyzerIpv6Tests
{
    [HostFact(Root = false, Libraries = [HostNeeds.Libpcap], Unit = true)]
    public void The_golden_ovmf_and_ipxe_dhcp6_capture_reads_as_one_clean_story_with_the_servers_steps()
    {
        var analyzer = new TraceAnalyzer();
        foreach (var frame in CaptureFile.Read(TraceData.Dhcp6Golden))
        {
            analyzer.Add(frame);
        }

        analyzer.Finish();

        Assert.Equal((16, 16), (analyzer.Frames, analyzer.BootFrames));
        var client = Assert.Single(analyzer.Clients);
        // edk2 sends a DUID-LLT with its MAC; iPXE a DUID-UUID from the EUI-64 link-local address: one machine either way.
        Assert.Equal("52:54:00:12:34:56", client.Mac);
        Assert.Equal(
            [BootStep.Dhcp6Solicit, BootStep.Dhcp6Advertise, BootStep.Dhcp6Request, BootStep.Dhcp6Reply,
                BootStep.Dhcp6Solicit, BootStep.Dhcp6Advertise, BootStep.Dhcp6Request, BootStep.Dhcp6Reply,
                BootStep.Dhcp6Request, BootStep.Dhcp6Reply, BootStep.Dhcp6Request, BootStep.Dhcp6Reply,
                BootStep.Dhcp6Solicit, BootStep.Dhcp6Advertise, BootStep.Dhcp6Request, BootStep.Dhcp6Reply],
            client.Events.Select(e => e.Step));
        Assert.All(client.Events, e => Assert.Equal(EvidenceSource.Capture, e.Source));
        // First edk2's network stack takes an address (no option 59 asked, none given), then its PXE client asks for the URL.
        Assert.Equal((false, null), (client.Events[0].Dhcp6!.BootFileUrlRequested, client.Events[1].File));
        var pxe = client.Events[5];
        Assert.Equal(("fe80::80d1:22ff:fe9f:6472", "tftp://[fd00:47:9::1]/ipxe.efi", Dhcp6MessageType.Advertise), (pxe.Server, pxe.File, pxe.Dhcp6!.MessageType));
        Assert.Equal("fd00:47:9::1ca", pxe.Address);
        Assert.True(client.Events[4].Dhcp6!.BootFileUrlRequested);
        Assert.Equal(client.Events[4].Dhcp6!.TransactionId, pxe.Dhcp6.TransactionId);
        Assert.Contains(client.Events, e => e.Dhcp6!.MessageType == Dhcp6MessageType.Release);
        Assert.Empty(Diagnosis.Of(analyzer));
    }

    [Fact]
    public void A_relayed_clients_messages_inside_relay_forwards_and_replies_are_its_steps_with_the_relay_that_carried_them()
    {
        // Captured beside the server: the relay agent fd00:50::fe forwards for the client's link fd00:51::/64.
        const string Agent = "fd00:50::fe", Link = "fd00:51::1", Given = "fd00:51::100";
        var analyzer = new WireScript()
            .At(1).Udp(Agent, 547, Payloads6.Server, 547, Payloads6.Relayed(Payloads6.Solicit(7), Link))
            .At(1.01).Udp(Payloads6.Server, 547, Agent, 547, Payloads6.Relayed(Payloads6.Answer(Dhcp6MessageType.Advertise, 7, Given, "tftp://[fd00:47::1]/ipxe.efi"), Link, reply: true))
            .At(2).Udp(Agent, 547, Payloads6.Server, 547, Payloads6.Relayed(Payloads6.Request(8, Given), Link))
            .At(2.01).Udp(Payloads6.Server, 547, Agent, 547, Payloads6.Relayed(Payloads6.Answer(Dhcp6MessageType.Reply, 8, Given, "tftp://[fd00:47::1]/ipxe.efi"), Link, reply: true))
            .Download(3, "ipxe.efi", 40001, 1500, client: Given, server: Payloads6.Server)
            .Run();

        var client = Assert.Single(analyzer.Clients);
        Assert.Equal(Payloads.Mac, client.Mac);
        Assert.Equal(
            [BootStep.Dhcp6Solicit, BootStep.Dhcp6Advertise, BootStep.Dhcp6Request, BootStep.Dhcp6Reply],
            client.Events.Where(e => e.Dhcp6 is not null).Select(e => e.Step));
        Assert.All(client.Events.Where(e => e.Dhcp6 is not null), e => Assert.Equal(Agent, e.Dhcp6!.RelayAddress));
        Assert.Equal(Given, client.Events.Single(e => e.Step == BootStep.Dhcp6Reply).Address);
        Assert.Contains(client.Events, e => e.Step == BootStep.TftpComplete && e.File == "ipxe.efi");
        Assert.Empty(Diagnosis.Of(analyzer));
    }

    [Fact]
    public void Tftp_over_ipv6_from_the_address_dhcp6_gave_is_the_same_clients_story()
    {
        var analyzer = new WireScript().Lease6()
            .Download(3, "ipxe.efi", 1500, 40001, client: Payloads6.Client, server: Payloads6.Server)
            .Run();

        var client = Assert.Single(analyzer.Clients);
        Assert.Equal((Payloads.Mac, Payloads6.Client), (client.Mac, client.Address));
        var complete = Assert.Single(client.Events, e => e.Step == BootStep.TftpComplete);
        Assert.Equal(("ipxe.efi", 2 * 1432L + 100, Payloads.Mac), (complete.File, complete.Bytes, complete.Mac));
        Assert.Empty(Diagnosis.Of(analyzer));
    }

    [Fact]
    public void Http_over_ipv6_from_the_link_local_address_is_the_same_clients_story()
    {
        var script = new WireScript().Lease6(bootUrl: "http://[fd00:47::1]/boot.ipxe")
            .At(3).Tcp(Payloads6.ClientLinkLocal, 40000, Payloads6.Server, 80, "GET /boot.ipxe HTTP/1.1\r\nHost: [fd00:47::1]\r\n\r\n")
            .At(3.1).Tcp(Payloads6.Server, 80, Payloads6.ClientLinkLocal, 40000, "HTTP/1.1 200 OK\r\nContent-Length: 84\r\n\r\n#!ipxe\n")
            .At(4).Tcp(Payloads6.Client, 40001, Payloads6.Server, 80, "GET /vmlinuz HTTP/1.1\r\n\r\n")
            .At(4.1).Tcp(Payloads6.Server, 80, Payloads6.Client, 40001, "HTTP/1.1 404 Not Found\r\n\r\n");

        var client = Assert.Single(script.Run().Clients);

        var http = client.Events.Where(e => e.Step.ToString().StartsWith("Http", StringComparison.Ordinal)).ToList();
        Assert.Equal([BootStep.HttpRequest, BootStep.HttpComplete, BootStep.HttpRequest, BootStep.HttpFailed], http.Select(e => e.Step));
        Assert.All(http, e => Assert.Equal(Payloads.Mac, e.Mac));
        Assert.Equal(("/boot.ipxe", 84L), (http[1].File, http[1].Bytes));
    }

    [Fact]
    public void A_boot_file_missing_over_ipv6_is_the_same_verdict()
    {
        var analyzer = new WireScript().Lease6()
            .At(3).Udp(Payloads6.Client, 1500, Payloads6.Server, 69, Payloads.ReadRequest("ipxe.efi"))
            .At(3.01).Udp(Payloads6.Server, 40001, Payloads6.Client, 1500, Payloads.Error(TftpErrorCode.FileNotFound, "File not found"))
            .Run();

        var verdict = Assert.Single(Diagnosis.Of(analyzer));

        Assert.Equal((FaultId.BootFileMissing, Payloads.Mac), (verdict.Fault, verdict.Client));
    }

    [Fact]
    public void Router_discovery_becomes_steps_with_the_advertisements_flags_and_prefixes()
    {
        var analyzer = new WireScript().Lease6().Run();

        var client = Assert.Single(analyzer.Clients);
        var solicitation = Assert.Single(client.Events, e => e.Step == BootStep.RouterSolicitation);
        Assert.Equal((Payloads.Mac, Payloads6.ClientLinkLocal), (solicitation.Mac, solicitation.Address));
        var advertisement = Assert.Single(client.Events, e => e.Step == BootStep.RouterAdvertisement);
        Assert.Equal((Payloads6.ServerLinkLocal, true, true), (advertisement.Server, advertisement.Router!.Managed, advertisement.Router.OtherConfiguration));
        Assert.Equal(["fd00:47::/64"], advertisement.Router.Prefixes);
    }

    [Fact]
    public void A_solicitation_from_the_unspecified_address_names_no_client()
    {
        byte[] anonymous = [133, 0, 0, 0, 0, 0, 0, 0];   // type 133, code 0, checksum, reserved; no options (RFC 4861 4.1 forbids one from ::)

        var analyzer = new WireScript().At(0).Icmpv6("::", Payloads6.AllRouters, anonymous).Run();

        Assert.Empty(analyzer.Clients);
    }
}
