using System.Net;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using PxeKit.Core.Capture;
using PxeKit.Core.Events;
using PxeKit.Diagnostics.Capture;
using PxeKit.Protocol.Dhcp;

namespace PxeKit.Diagnostics.Tests.Capture;

/// <summary>The wire watcher as a consumer of frames, without a device: what it journals and what it leaves out.</summary>
public sealed class WireWatcherTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
    private readonly RecordingJournal _journal = new();

    [Fact]
    public void A_pxe_request_and_a_tftp_read_request_on_the_wire_are_journaled()
    {
        using var watcher = Watcher();

        watcher.OnFrame(Frame("0.0.0.0", 68, "255.255.255.255", 67, Dhcp(DhcpOpCode.BootRequest, DhcpMessageType.Discover, vendorClass: "PXEClient:Arch:00000:UNDI:002001")));
        // RRQ (opcode 1) for pxelinux.0 in octet mode.
        watcher.OnFrame(Frame("10.0.0.10", 2070, "10.0.0.1", 69, [0, 1, .. Encoding.ASCII.GetBytes("pxelinux.0\0octet\0")]));

        Assert.Equal([BootStep.WireDhcp, BootStep.WireTftp], _journal.Events.Select(e => e.Step));
        Assert.All(_journal.Events, e => Assert.Equal(EvidenceSource.Capture, e.Source));
        Assert.Equal(("52:54:00:00:00:01", "pxelinux.0"), (_journal.Events[0].Mac, _journal.Events[1].File));
    }

    [Fact]
    public void Another_servers_offer_is_journaled_and_pxekits_own_is_not()
    {
        using var watcher = Watcher();

        watcher.OnFrame(Frame("10.0.0.1", 67, "255.255.255.255", 68, Dhcp(DhcpOpCode.BootReply, DhcpMessageType.Offer, server: "10.0.0.1")));
        watcher.OnFrame(Frame("10.0.0.254", 67, "255.255.255.255", 68, Dhcp(DhcpOpCode.BootReply, DhcpMessageType.Offer, server: "10.0.0.254")));

        var reply = Assert.Single(_journal.Events);
        Assert.Equal((BootStep.WireDhcpReply, "10.0.0.254"), (reply.Step, reply.Server));
    }

    [Fact]
    public void In_proxy_mode_a_client_that_is_not_booting_is_left_alone()
    {
        using var watcher = Watcher();

        watcher.OnFrame(Frame("0.0.0.0", 68, "255.255.255.255", 67, Dhcp(DhcpOpCode.BootRequest, DhcpMessageType.Discover)));

        Assert.Empty(_journal.Events);
    }

    [Fact]
    public void A_dhcpv6_solicit_on_the_wire_is_journaled_with_its_facts_and_a_servers_advertise_is_not()
    {
        using var watcher = Watcher();

        watcher.OnFrame(Frame(Trace.Payloads6.ClientLinkLocal, 546, Trace.Payloads6.AllRoutersAndServers, 547, Trace.Payloads6.Solicit(0x00abcdef)));
        watcher.OnFrame(Frame(Trace.Payloads6.ServerLinkLocal, 547, Trace.Payloads6.ClientLinkLocal, 546,
            Trace.Payloads6.Answer(Protocol.Dhcp6.Dhcp6MessageType.Advertise, 0x00abcdef, Trace.Payloads6.Client, "tftp://[fd00:47::1]/ipxe.efi")));

        var solicit = Assert.Single(_journal.Events);
        Assert.Equal((BootStep.WireDhcp6, EvidenceSource.Capture, Trace.Payloads.Mac), (solicit.Step, solicit.Source, solicit.Mac));
        Assert.Equal((Protocol.Dhcp6.Dhcp6MessageType.Solicit, 0xabcdefu, true), (solicit.Dhcp6!.MessageType, solicit.Dhcp6.TransactionId, solicit.Dhcp6.BootFileUrlRequested));
    }

    private WireWatcher Watcher() => new(_journal, NullLogger<WireWatcher>.Instance)
    {
        OnlyBootClients = true,
        ServerAddress = IPAddress.Parse("10.0.0.1"),
    };

    private static CapturedFrame Frame(string source, int sourcePort, string destination, int destinationPort, byte[] payload) =>
        CaptureFixtures.At(T0, CaptureFixtures.UdpFrame(source, sourcePort, destination, destinationPort, payload));

    private static byte[] Dhcp(DhcpOpCode op, DhcpMessageType type, string? vendorClass = null, string? server = null)
    {
        var message = new DhcpMessage { Op = op, TransactionId = 0x1234, ClientHardwareAddress = [0x52, 0x54, 0x00, 0x00, 0x00, 0x01] };
        message.MessageType = type;
        if (vendorClass is not null)
        {
            message.SetString(DhcpOptionCode.VendorClassIdentifier, vendorClass);
        }

        if (server is not null)
        {
            message.YourAddress = IPAddress.Parse("10.0.0.10");
            message.SetAddress(DhcpOptionCode.ServerIdentifier, IPAddress.Parse(server));
        }

        var buffer = new byte[576];
        return buffer[..message.WriteTo(buffer)];
    }
}
