using Microsoft.Extensions.Logging;
using PxeKit.Core.Capture;
using PxeKit.Core.Events;
using PxeKit.Core.Net;
using PxeKit.Protocol.Dhcp;
using PxeKit.Protocol.Dhcp6;
using PxeKit.Protocol.Tftp;

namespace PxeKit.Diagnostics.Capture;

/// <summary>
/// Watches the interface with a packet capture (libpcap) for DHCP, DHCPv6 and TFTP requests to the server ports. A
/// capture sees frames as they arrive on the interface, before the host's firewall decides anything,
/// while PxeKit's own socket sees only what the firewall lets through: the two side by side tell a
/// dropped request from one that never came. The frames come from a <see cref="LiveCapture"/>, on its thread.
/// </summary>
public sealed class WireWatcher : IFrameConsumer, IDisposable
{
    // "udp" is UDP over IPv4 and IPv6 alike: TFTP over IPv6 and DHCPv6 (547) come through the same filter.
    private const string Filter = "udp and (dst port 67 or dst port 4011 or dst port 69 or dst port 547 or (src port 67 and dst port 68))";
    private readonly IBootJournal _journal;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private LiveCapture? _capture;
    private string? _interface;

    public WireWatcher(IBootJournal journal, ILogger<WireWatcher> logger, TimeProvider? time = null)
    {
        _journal = journal;
        _logger = logger;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>
    /// Report only PXE and HTTP Boot clients (vendor class PXEClient or HTTPClient): in proxy mode the
    /// server leaves every other client to the network's DHCP server on purpose.
    /// </summary>
    public bool OnlyBootClients { get; init; }

    /// <summary>PxeKit's own address: replies with this server identifier are its own and not reported.</summary>
    public System.Net.IPAddress? ServerAddress { get; init; }

    /// <summary>Starts capturing; false (with a log line saying why) when capture is not possible here.</summary>
    public bool Start(string interfaceName)
    {
        if (_capture is not null)
        {
            throw new InvalidOperationException("The wire watcher is already capturing.");
        }

        _interface = interfaceName;
        _capture = LiveCapture.Start(interfaceName, Filter, this, out var error, _time);
        if (_capture is null)
        {
            _logger.LogWarning("No packet capture: {Reason}; failed boots will be diagnosed from the server's side only", error);
            return false;
        }

        _logger.LogInformation("Watching {Interface} for DHCP requests on the wire ({Filter})", interfaceName, Filter);
        return true;
    }

    void IFrameConsumer.OnFailed(string reason) =>
        _logger.LogWarning("Packet capture stopped: {Reason}; failed boots will be diagnosed from the server's side only", reason);

    /// <summary>One frame that passed the filter: a request or another server's reply is journaled.</summary>
    public void OnFrame(in CapturedFrame frame)
    {
        // The one frame decoder: Ethernet with or without a VLAN tag, Linux cooked, raw IP, as a capture file is read.
        if (!FrameDecoder.TryDecode(frame, out var udp) || !udp.IsUdp)
        {
            return;
        }

        if (udp.DestinationPort == TftpConstants.ServerPort)
        {
            OnTftp(udp);
            return;
        }

        if (udp.DestinationPort == Dhcp6Constants.ServerPort)
        {
            OnDhcp6(udp);
            return;
        }

        if (DhcpMessage.TryParse(udp.Payload.Span, out var message) != DhcpParseError.None || message is null)
        {
            return;
        }

        if (message.Op == DhcpOpCode.BootReply)
        {
            OnReply(message, udp);
            return;
        }

        if (OnlyBootClients && !message.IsPxeClient && !message.IsHttpClient)
        {
            return;
        }

        if (!udp.Destination.Equals(System.Net.IPAddress.Broadcast) && ServerAddress is not null && !udp.Destination.Equals(ServerAddress))
        {
            // Unicast to another server: a relay's copy (giaddr set) says where the relay sends requests; anything else
            // (a renewal to the server that leased the address) is not PxeKit's business.
            if (!message.GatewayAddress.Equals(System.Net.IPAddress.Any))
            {
                _journal.Record(new BootEvent
                {
                    Time = _time.GetUtcNow(),
                    Step = BootStep.WireDhcpForwarded,
                    Source = EvidenceSource.Capture,
                    Mac = message.ClientMac,
                    Server = udp.Destination.ToString(),
                    Dhcp = DhcpFacts.Of(message, udp.DestinationPort, udp.Destination.ToString()),
                    Detail = $"{message.MessageType} xid 0x{message.TransactionId:x8} relayed by {udp.Source} (giaddr {message.GatewayAddress}) to {udp.Destination}, not to PxeKit ({ServerAddress})",
                });
            }

            return;
        }

        _journal.Record(new BootEvent
        {
            Time = _time.GetUtcNow(),
            Step = udp.DestinationPort == DhcpConstants.PxeServerPort ? BootStep.WireBootServer : BootStep.WireDhcp,
            Source = EvidenceSource.Capture,
            Mac = message.ClientMac,
            Dhcp = DhcpFacts.Of(message, udp.DestinationPort, udp.Destination.ToString()),
            Detail = $"{message.MessageType} xid 0x{message.TransactionId:x8} from {udp.Source}:{udp.SourcePort} to {udp.Destination}:{udp.DestinationPort} seen on the wire",
        });
    }

    private void OnReply(DhcpMessage reply, in WireSegment udp)
    {
        var server = reply.ServerIdentifier ?? udp.Source;
        if (server.Equals(ServerAddress) || reply.MessageType is not (DhcpMessageType.Offer or DhcpMessageType.Ack))
        {
            return;
        }

        var file = DhcpFacts.BootFileOf(reply);
        var boot = file is null ? "no boot file" : $"boot file {file}";
        _journal.Record(new BootEvent
        {
            Time = _time.GetUtcNow(),
            Step = BootStep.WireDhcpReply,
            Source = EvidenceSource.Capture,
            Mac = reply.ClientMac,
            Dhcp = DhcpFacts.Of(reply, udp.DestinationPort, udp.Destination.ToString()),
            Address = reply.YourAddress.ToString(),
            Server = server.ToString(),
            File = file,
            Detail = $"{reply.MessageType} of {reply.YourAddress} from server {server} ({boot}) seen on the wire",
        });
    }

    /// <summary>A DHCPv6 client's message to the server port (relays' and servers' messages are not a client's request).</summary>
    private void OnDhcp6(in WireSegment udp)
    {
        if (Dhcp6MessageView.TryParse(udp.Payload.Span, out var view) != Dhcp6ParseError.None
            || view.MessageType is not (Dhcp6MessageType.Solicit or Dhcp6MessageType.Request or Dhcp6MessageType.Confirm or Dhcp6MessageType.Renew
                or Dhcp6MessageType.Rebind or Dhcp6MessageType.Release or Dhcp6MessageType.Decline or Dhcp6MessageType.InformationRequest))
        {
            return;
        }

        // Every client: serve journals each DHCPv6 message its socket gets, boot client or not, answered or ignored.
        var facts = Dhcp6Facts.Of(view, _interface);
        var mac = view.ClientId.IsEmpty ? udp.Source.ToString() : Dhcp6ClientIdentity.MacOf(view.ClientId, udp.Source);
        _journal.Record(new BootEvent
        {
            Time = _time.GetUtcNow(),
            Step = BootStep.WireDhcp6,
            Source = EvidenceSource.Capture,
            Mac = mac,
            Dhcp6 = facts,
            Detail = $"DHCPv6 {view.MessageType} from [{udp.Source}]:{udp.SourcePort} to [{udp.Destination}]:{udp.DestinationPort} seen on the wire",
        });
    }

    private void OnTftp(in WireSegment udp)
    {
        if (TftpPacket.TryParse(udp.Payload.Span, out var packet) != TftpParseError.None || !packet.IsRequest)
        {
            return;
        }

        var file = System.Text.Encoding.Latin1.GetString(packet.FileName);
        _journal.Record(new BootEvent
        {
            Time = _time.GetUtcNow(),
            Step = BootStep.WireTftp,
            Source = EvidenceSource.Capture,
            Address = udp.Source.ToString(),
            Tftp = new TftpFacts { Opcode = packet.Opcode },
            File = file,
            Detail = $"{packet.Opcode} for {file} from {udp.Source}:{udp.SourcePort} seen on the wire",
        });
    }

    public void Dispose() => _capture?.Dispose();
}
