using PxeKit.Core.Capture;
using PxeKit.Protocol.Dhcp;

namespace PxeKit.Server.Leases;

/// <summary>
/// The DHCPACKs and DHCPRELEASEs of a capture, for <see cref="LeaseAudit"/>: the file read by
/// <see cref="CaptureFile"/> (pcap or pcapng), each frame by the one <see cref="FrameDecoder"/> (Ethernet with
/// or without a VLAN tag, Linux cooked, raw IP) and its payload by <see cref="DhcpMessageView"/>. Anything else
/// in the capture is skipped.
/// </summary>
public static class LeaseCapture
{
    /// <summary>
    /// The leases the capture file at <paramref name="path"/> saw given and released. By default a last record
    /// cut short ends the read after the frames before it: the audit runs on captures that tcpdump is still
    /// writing, or that it left cut when it was killed with the server. Throws <see cref="CaptureFileException"/>
    /// when the file is missing, not a capture, or damaged before its end.
    /// </summary>
    public static IReadOnlyList<AckedLease> Read(string path, CaptureFileEnd end = CaptureFileEnd.MayBeCut) =>
        Find(CaptureFile.Read(path, end));

    /// <summary>The leases given (a DHCPACK from port 67 with an address) and released among <paramref name="frames"/>, in their order.</summary>
    public static IReadOnlyList<AckedLease> Find(IEnumerable<CapturedFrame> frames)
    {
        ArgumentNullException.ThrowIfNull(frames);
        var seen = new List<AckedLease>();
        foreach (var frame in frames)
        {
            if (FrameDecoder.TryDecode(frame, out var udp) && udp.IsUdp && Lease(udp) is { } lease)
            {
                seen.Add(lease);
            }
        }

        return seen;
    }

    private static AckedLease? Lease(in WireSegment udp)
    {
        if (DhcpMessageView.TryParse(udp.Payload.Span, out var view) != DhcpParseError.None)
        {
            return null;
        }

        var mac = MacAddress.Format(view.ClientHardwareAddress);

        // Keyed as the server keys the lease: an ACK carries the request's option 61 back (RFC 6842), a RELEASE its own.
        view.TryGetOption(DhcpOptionCode.ClientIdentifier, out var identifier);
        var client = ClientKey.Of(mac, identifier);
        if (udp.SourcePort == DhcpConstants.ServerPort && view.Op == DhcpOpCode.BootReply && view.MessageType == DhcpMessageType.Ack && view.YourAddress != 0)
        {
            TimeSpan? leaseTime = view.TryGetOption(DhcpOptionCode.LeaseTime, out var seconds) && seconds.Length == 4
                ? TimeSpan.FromSeconds(System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(seconds))
                : null;
            return new AckedLease(mac, Ipv4.ToAddress(view.YourAddress), udp.Time) { Client = client, LeaseTime = leaseTime };
        }

        if (udp.DestinationPort == DhcpConstants.ServerPort && view.Op == DhcpOpCode.BootRequest && view.MessageType == DhcpMessageType.Release)
        {
            return new AckedLease(mac, Ipv4.ToAddress(view.ClientAddress), udp.Time, Released: true) { Client = client };
        }

        return null;
    }
}
