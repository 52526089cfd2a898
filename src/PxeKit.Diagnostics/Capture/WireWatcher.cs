using Microsoft.Extensions.Logging;
using PxeKit.Core.Events;
using PxeKit.Protocol.Dhcp;
using PxeKit.Protocol.Tftp;
using SharpPcap;
using PxeKit.Diagnostics.Trace;
using SharpPcap.LibPcap;

namespace PxeKit.Diagnostics.Capture;

/// <summary>
/// Watches the interface with a packet capture (libpcap) for DHCP and TFTP requests to the server ports. A
/// capture sees frames as they arrive on the interface, before the host's firewall decides anything,
/// while PxeKit's own socket sees only what the firewall lets through: the two side by side tell a
/// dropped request from one that never came.
/// </summary>
public sealed class WireWatcher : IDisposable
{
    private const string Filter = "udp and (dst port 67 or dst port 4011 or dst port 69 or (src port 67 and dst port 68))";
    private readonly IBootJournal _journal;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private ILiveDevice? _device;

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
        try
        {
            var device = LibPcapLiveDeviceList.Instance.FirstOrDefault(d => d.Name == interfaceName);
            if (device is null)
            {
                _logger.LogWarning("No packet capture on {Interface}: libpcap does not list it; failed boots will be diagnosed from the server's side only", interfaceName);
                return false;
            }

            // Promiscuous: on a bridge, frames between two of its ports (another server's unicast offer to a
            // client) reach the bridge device itself only when it is promiscuous.
            device.Open(DeviceModes.Promiscuous, 100);
            device.Filter = Filter;
            device.OnPacketArrival += OnPacket;
            device.StartCapture();
            _device = device;
            _logger.LogInformation("Watching {Interface} for DHCP requests on the wire ({Filter})", interfaceName, Filter);
            return true;
        }
        catch (Exception e) when (e is PcapException or DllNotFoundException or InvalidOperationException)
        {
            _logger.LogWarning("No packet capture on {Interface} ({Reason}); failed boots will be diagnosed from the server's side only", interfaceName, e.Message);
            return false;
        }
    }

    private void OnPacket(object sender, PacketCapture capture)
    {
        // The one frame decoder: Ethernet with or without a VLAN tag, Linux cooked, raw IP, as a capture file is read.
        var raw = capture.GetPacket();
        if (!FrameDecoder.TryDecode(new TraceFrame(CaptureFile.ToTime(raw.Timeval), raw.LinkLayerType, raw.Data, raw.PacketLength), out var udp) || udp.IsTcp)
        {
            return;
        }

        if (udp.DestinationPort == TftpConstants.ServerPort)
        {
            OnTftp(udp);
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

    public void Dispose()
    {
        if (_device is not null)
        {
            try
            {
                _device.StopCapture();
            }
            catch (PcapException)
            {
                // Already stopped.
            }

            _device.Close();
            _device.Dispose();
        }
    }
}
