using System.Buffers.Binary;
using System.Net;
using System.Text;
using PxeKit.Core.Capture;
using PxeKit.Core.Events;
using PxeKit.Protocol.Dhcp;

namespace PxeKit.Diagnostics.Trace;

/// <summary>DHCP on ports 67, 68 and 4011: every message becomes a step of its client's story.</summary>
public sealed partial class TraceAnalyzer
{
    private void OnDhcp(in WireSegment segment)
    {
        if (DhcpMessageView.TryParse(segment.Payload.Span, out var view) != DhcpParseError.None)
        {
            return;
        }

        var step = view.MessageType switch
        {
            DhcpMessageType.Discover => BootStep.DhcpDiscover,
            DhcpMessageType.Offer => BootStep.DhcpOffer,
            DhcpMessageType.Request => BootStep.DhcpRequest,
            DhcpMessageType.Ack => BootStep.DhcpAck,
            DhcpMessageType.Nak => BootStep.DhcpNak,
            DhcpMessageType.Decline => BootStep.DhcpDecline,
            DhcpMessageType.Release => BootStep.DhcpRelease,
            DhcpMessageType.Inform => BootStep.DhcpInform,
            _ => (BootStep?)null,
        };
        if (step is not { } known)
        {
            return;
        }

        BootFrames++;
        var sighting = Sight(view, segment);
        var mac = MacAddress.Format(view.ClientHardwareAddress);
        var client = ClientByMac(mac);
        client.Add(sighting);
        if (sighting.YourAddress is { } given && sighting.Type is DhcpMessageType.Offer or DhcpMessageType.Ack)
        {
            Learn(IPAddress.Parse(given), mac, client);
        }
        else if (!sighting.IsReply && Ipv4.ToAddress(view.ClientAddress) is { } current && !current.Equals(IPAddress.Any))
        {
            Learn(current, mac, client);
        }

        Record(client, new BootEvent
        {
            Time = segment.Time,
            Step = known,
            Source = EvidenceSource.Capture,
            Mac = mac,
            Dhcp = DhcpFacts.Of(DhcpMessage.FromView(view), segment.DestinationPort, segment.Destination.ToString()),
            Address = sighting.IsReply ? sighting.YourAddress : RequestedAddress(view),
            Server = sighting.IsReply ? sighting.Server : null,
            File = sighting.IsReply && !string.IsNullOrEmpty(sighting.BootFile) ? sighting.BootFile : null,
            Detail = DhcpDescription.Describe(sighting, RequestedAddress(view), segment.Destination.ToString()),
        });
    }

    private static DhcpSighting Sight(DhcpMessageView view, in WireSegment segment)
    {
        bool reply = view.Op == DhcpOpCode.BootReply;
        var serverId = Address(view, DhcpOptionCode.ServerIdentifier);
        var yiaddr = Ipv4.ToAddress(view.YourAddress);
        var giaddr = Ipv4.ToAddress(view.GatewayAddress);
        var siaddr = Ipv4.ToAddress(view.ServerAddress);
        var file = view.BootFile.Length > 0 ? Encoding.Latin1.GetString(view.BootFile) : Text(view, DhcpOptionCode.BootFileName);
        var sname = view.ServerName.Length > 0 ? Encoding.Latin1.GetString(view.ServerName) : Text(view, DhcpOptionCode.TftpServerName);
        ClientArchitecture? arch = view.TryGetOption(DhcpOptionCode.ClientSystemArchitecture, out var archBytes) && archBytes.Length >= 2
            ? (ClientArchitecture)BinaryPrimitives.ReadUInt16BigEndian(archBytes)
            : null;
        return new DhcpSighting
        {
            Time = segment.Time,
            Type = view.MessageType,
            TransactionId = view.TransactionId,
            IsReply = reply,
            Server = reply ? (serverId ?? segment.Source).ToString() : serverId?.ToString(),
            DestinationPort = segment.DestinationPort,
            Destination = segment.Destination.ToString(),
            SourcePort = segment.SourcePort,
            YourAddress = yiaddr.Equals(IPAddress.Any) ? null : yiaddr.ToString(),
            RelayAddress = giaddr.Equals(IPAddress.Any) ? null : giaddr.ToString(),
            BootFile = string.IsNullOrEmpty(file) ? null : file,
            ServerName = string.IsNullOrEmpty(sname) ? null : sname,
            NextServer = !string.IsNullOrEmpty(sname) ? sname : siaddr.Equals(IPAddress.Any) ? null : siaddr.ToString(),
            HasPxeOptions = reply && view.TryGetOption(DhcpOptionCode.VendorSpecific, out var vendor) && vendor.Length > 0,
            VendorClass = Text(view, DhcpOptionCode.VendorClassIdentifier),
            IsIpxe = view.TryGetOption(DhcpOptionCode.IpxeEncapsulated, out _)
                || view.TryGetOption(DhcpOptionCode.UserClass, out var userClass) && UserClass.Parse(userClass).Contains("iPXE", StringComparer.Ordinal),
            Architecture = arch,
        };
    }

    /// <summary>The address a request asks for: option 50, else <c>ciaddr</c>.</summary>
    private static string? RequestedAddress(DhcpMessageView view)
    {
        if (view.Op == DhcpOpCode.BootReply)
        {
            return null;
        }

        var requested = Address(view, DhcpOptionCode.RequestedIpAddress) ?? Ipv4.ToAddress(view.ClientAddress);
        return requested.Equals(IPAddress.Any) ? null : requested.ToString();
    }

    private static IPAddress? Address(DhcpMessageView view, DhcpOptionCode code) =>
        view.TryGetOption(code, out var value) && value.Length == 4 ? new IPAddress(value) : null;

    private static string? Text(DhcpMessageView view, DhcpOptionCode code) =>
        view.TryGetOption(code, out var value) ? Encoding.Latin1.GetString(value).TrimEnd('\0') : null;
}
