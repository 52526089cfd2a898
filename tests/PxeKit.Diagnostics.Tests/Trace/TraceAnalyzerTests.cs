using PacketDotNet;
using PxeKit.Core.Capture;
using PxeKit.Core.Events;
using PxeKit.Diagnostics.Tests.Support;
using PxeKit.Diagnostics.Trace;
using PxeKit.Protocol.Dhcp;
using PxeKit.Protocol.Tftp;

namespace PxeKit.Diagnostics.Tests.Trace;

public class TraceAnalyzerTests
{
    [Fact]
    public void A_clean_boot_is_one_client_with_its_dhcp_steps_and_the_transfer_followed_across_the_server_port()
    {
        var analyzer = new WireScript().Lease().Download(2, "pxelinux.0", clientPort: 2070, serverPort: 50001).Run();

        var client = Assert.Single(analyzer.Clients);
        Assert.Equal(Payloads.Mac, client.Mac);
        Assert.Equal(Boots.Client, client.Address);
        Assert.Equal(
            [BootStep.DhcpDiscover, BootStep.DhcpOffer, BootStep.DhcpRequest, BootStep.DhcpAck, BootStep.TftpRequest, BootStep.TftpComplete],
            client.Events.Select(e => e.Step));
        var offer = client.Events[1];
        Assert.Equal(Boots.Server, offer.Server);
        Assert.Equal("pxelinux.0", offer.File);
        var done = client.Events[^1];
        Assert.Equal(Payloads.Mac, done.Mac);
        Assert.Equal((2 * 1432) + 100, done.Bytes);
        Assert.Equal(0.055, done.Elapsed!.Value.TotalSeconds, 3);
        var transfer = Assert.Single(client.Transfers);
        Assert.Equal((TftpOutcome.Complete, 50001, 1432), (transfer.Outcome, transfer.ServerPort, transfer.BlockSize));
        Assert.Empty(Diagnosis.Of(analyzer));
    }

    [Theory]
    [InlineData(LinkLayers.Ethernet)]
    [InlineData(LinkLayers.LinuxSll)]
    [InlineData(LinkLayers.LinuxSll2)]
    [InlineData(LinkLayers.Raw)]
    public void Every_link_layer_reads_the_same(LinkLayers link)
    {
        var analyzer = new WireScript { Link = link }.Lease().Download(2, "pxelinux.0", 2070, 50001).Run();

        Assert.Equal(6, Assert.Single(analyzer.Clients).Events.Count);
    }

    [Fact]
    public void A_vlan_tagged_frame_is_read_through_its_tag()
    {
        var plain = new WireScript().Lease().Frames[0];
        var bytes = plain.Data.ToArray();
        // Insert an 802.1Q tag (TPID 0x8100, VLAN 7) between the MAC addresses and the EtherType.
        byte[] tagged = [.. bytes[..12], 0x81, 0x00, 0x00, 0x07, .. bytes[12..]];
        var analyzer = new TraceAnalyzer();

        var events = analyzer.Add(plain with { Data = tagged, OriginalLength = tagged.Length });

        Assert.Equal(BootStep.DhcpDiscover, Assert.Single(events).Step);
    }

    [Fact]
    public void Data_cut_short_by_a_snap_length_still_counts_the_bytes_sent()
    {
        var script = new WireScript().Lease()
            .At(2).Udp(Boots.Client, 2070, Boots.Server, 69, Payloads.ReadRequest("vmlinuz"))
            .At(2.1).Udp(Boots.Server, 50001, Boots.Client, 2070, Payloads.Data(1, 512), captured: 4)
            .At(2.2).Udp(Boots.Client, 2070, Boots.Server, 50001, Payloads.Ack(1))
            .At(2.3).Udp(Boots.Server, 50001, Boots.Client, 2070, Payloads.Data(2, 7), captured: 4)
            .At(2.4).Udp(Boots.Client, 2070, Boots.Server, 50001, Payloads.Ack(2));

        var done = script.Run().Clients[0].Events[^1];

        Assert.Equal((BootStep.TftpComplete, 519L), (done.Step, done.Bytes));
    }

    [Fact]
    public void A_retransmitted_data_block_is_counted_once()
    {
        var script = new WireScript()
            .At(2).Udp(Boots.Client, 2070, Boots.Server, 69, Payloads.ReadRequest("a"))
            .At(2.1).Udp(Boots.Server, 50001, Boots.Client, 2070, Payloads.Data(1, 512))
            .At(3.1).Udp(Boots.Server, 50001, Boots.Client, 2070, Payloads.Data(1, 512))
            .At(3.2).Udp(Boots.Client, 2070, Boots.Server, 50001, Payloads.Ack(1))
            .At(3.3).Udp(Boots.Server, 50001, Boots.Client, 2070, Payloads.Data(2, 0))
            .At(3.4).Udp(Boots.Client, 2070, Boots.Server, 50001, Payloads.Ack(2));

        var transfer = script.Run().Clients[0].Transfers[0];

        Assert.Equal((TftpOutcome.Complete, 512L, 3), (transfer.Outcome, transfer.Bytes, transfer.DataPackets));
    }

    [Fact]
    public void A_peer_that_never_took_a_lease_in_the_capture_is_a_client_of_its_own_named_by_its_address()
    {
        var analyzer = new WireScript().Download(0, "x.0", 2070, 50001, client: "10.0.0.77").Run();

        var client = Assert.Single(analyzer.Clients);
        Assert.Null(client.Mac);
        Assert.Equal("10.0.0.77", client.Key);
    }

    [Fact]
    public void A_server_error_is_a_refusal_with_its_text_and_a_client_error_after_the_oack_is_a_size_probe()
    {
        var script = new WireScript().Lease()
            .At(2).Udp(Boots.Client, 2070, Boots.Server, 69, Payloads.ReadRequest("nope.0"))
            .At(2.1).Udp(Boots.Server, 50001, Boots.Client, 2070, Payloads.Error(TftpErrorCode.FileNotFound, "File not found"))
            .At(3).Udp(Boots.Client, 2071, Boots.Server, 69, Payloads.ReadRequest("big", 1432))
            .At(3.1).Udp(Boots.Server, 50002, Boots.Client, 2071, Payloads.OptionAck(1432))
            .At(3.2).Udp(Boots.Client, 2071, Boots.Server, 50002, Payloads.Error(TftpErrorCode.OptionNegotiationFailed, "size only"));

        var events = script.Run().Clients[0].Events;

        var refused = Assert.Single(events, e => e.Step == BootStep.TftpRefused);
        Assert.Equal("nope.0", refused.File);
        Assert.Contains("ERROR 1 \"File not found\"", refused.Detail, StringComparison.Ordinal);
        var probe = Assert.Single(events, e => e.Step == BootStep.TftpFailed);
        Assert.Contains("learnt the size", probe.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_quiet_transfer_stalls_on_tick_and_one_still_moving_at_the_end_is_only_cut_off()
    {
        var script = new WireScript().Lease()
            .At(2).Udp(Boots.Client, 2070, Boots.Server, 69, Payloads.ReadRequest("a"))
            .At(2.1).Udp(Boots.Server, 50001, Boots.Client, 2070, Payloads.Data(1, 512))
            .At(30).Udp(Boots.Client, 2071, Boots.Server, 69, Payloads.ReadRequest("b"))
            .At(30.1).Udp(Boots.Server, 50002, Boots.Client, 2071, Payloads.Data(1, 512));
        var analyzer = new TraceAnalyzer();
        foreach (var frame in script.Frames.Take(6))
        {
            analyzer.Add(frame);
        }

        Assert.Empty(analyzer.Tick(WireScript.Start.AddSeconds(11)));
        var stalled = Assert.Single(analyzer.Tick(WireScript.Start.AddSeconds(12.2)));
        Assert.Equal((BootStep.TftpFailed, "a"), (stalled.Step, stalled.File));
        Assert.Contains("never acknowledged", stalled.Detail, StringComparison.Ordinal);
        foreach (var frame in script.Frames.Skip(6))
        {
            analyzer.Add(frame);
        }

        var cut = Assert.Single(analyzer.Finish());
        Assert.Contains("still going when the capture ended", cut.Detail, StringComparison.Ordinal);
        Assert.Equal([TftpOutcome.Stalled, TftpOutcome.Open], analyzer.Clients[0].Transfers.Select(t => t.Outcome));
    }

    [Fact]
    public void Http_request_and_status_lines_become_steps_of_the_client()
    {
        var script = new WireScript().Lease(bootFile: "http://10.0.0.1/boot.ipxe", ipxe: true)
            .At(2).Tcp(Boots.Client, 40000, Boots.Server, 80, "GET /boot.ipxe HTTP/1.1\r\nHost: 10.0.0.1\r\n\r\n")
            .At(2.1).Tcp(Boots.Server, 80, Boots.Client, 40000, "HTTP/1.1 200 OK\r\nContent-Length: 84\r\n\r\n#!ipxe\n")
            .At(3).Tcp(Boots.Client, 40001, Boots.Server, 80, "GET /vmlinuz HTTP/1.1\r\n\r\n")
            .At(3.1).Tcp(Boots.Server, 80, Boots.Client, 40001, "HTTP/1.1 404 Not Found\r\n\r\n");

        var analyzer = script.Run();

        var events = analyzer.Clients[0].Events.Skip(4).ToList();
        Assert.Equal([BootStep.HttpRequest, BootStep.HttpComplete, BootStep.HttpRequest, BootStep.HttpFailed], events.Select(e => e.Step));
        Assert.Equal(("/boot.ipxe", 84L), (events[1].File, events[1].Bytes));
        Assert.Equal("GET /vmlinuz: 404 Not Found", events[3].Detail);
        Assert.Contains(Diagnosis.Of(analyzer), v => v.Cause.Contains("/vmlinuz", StringComparison.Ordinal));
    }

    [Fact]
    public void A_mac_filter_keeps_only_that_client()
    {
        var script = new WireScript().Lease(mac: "52:54:00:00:00:01").Lease(xid: 9, mac: "52:54:00:00:00:02", address: "10.0.0.101");

        var analyzer = script.Run(new TraceAnalyzerOptions { Mac = "52-54-00-00-00-02" });

        Assert.Equal("52:54:00:00:00:02", Assert.Single(analyzer.Clients).Mac);
    }

    [Fact]
    public void A_proxy_reply_from_the_boot_server_on_4011_is_read_as_dhcp()
    {
        var script = new WireScript().Lease(bootFile: null)
            .At(2).Udp(Boots.Client, 68, "10.0.0.2", 4011, Payloads.Request(DhcpMessageType.Request, 7, vendor: "PXEClient:Arch:00007:UNDI:003016"))
            .At(2.1).Udp("10.0.0.2", 4011, Boots.Client, 68, Payloads.Reply(DhcpMessageType.Ack, 7, "10.0.0.2", null, "ipxe.efi", pxeOptions: true));

        var events = script.Run().Clients[0].Events;

        Assert.Contains("to the boot server 10.0.0.2:4011", events[^2].Detail, StringComparison.Ordinal);
        Assert.Contains("(boot server, port 4011)", events[^1].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Random_bytes_in_every_link_layer_never_throw()
    {
        var random = new Random(4);
        var analyzer = new TraceAnalyzer();
        foreach (var link in new[] { LinkLayers.Ethernet, LinkLayers.LinuxSll, LinkLayers.LinuxSll2, LinkLayers.Raw, LinkLayers.Null })
        {
            for (int i = 0; i < 500; i++)
            {
                var bytes = new byte[random.Next(0, 700)];
                random.NextBytes(bytes);
                if (bytes.Length > 14 && i % 2 == 0)
                {
                    bytes[12] = 0x08;
                    bytes[13] = 0x00;
                    bytes[14] = 0x45;
                }

                analyzer.Add(new CapturedFrame(WireScript.Start, link, bytes));
            }
        }

        analyzer.Finish();
        Assert.Equal(2500, analyzer.Frames);
    }
}
