using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using PxeKit.Protocol.Dhcp;

namespace PxeKit.Load.Conformance;

/// <summary>
/// The probe's DHCP sockets, all bound to its interface (<see cref="DeviceSocket"/>): port 68 for what a client sends and
/// receives, and, when a second address is given, that address' port 67 for what a relay agent forwards. One
/// exchange at a time: an answer is taken when its xid and chaddr match the request's; anything else is dropped.
/// </summary>
public sealed class ConformanceWire : IDisposable
{
    private static readonly IPEndPoint AllServers = new(IPAddress.Broadcast, DhcpConstants.ServerPort);

    private readonly Socket _client;
    private readonly Socket? _relay;
    private readonly IPEndPoint _server;
    private readonly byte[] _receive = new byte[ushort.MaxValue];

    public ConformanceWire(string device, IPAddress server, IPAddress? relay)
    {
        _server = new IPEndPoint(server, DhcpConstants.ServerPort);
        _client = DeviceSocket.Bound(device, new IPEndPoint(IPAddress.Any, DhcpConstants.ClientPort));
        try
        {
            _relay = relay is null ? null : DeviceSocket.Bound(device, new IPEndPoint(relay, DhcpConstants.ServerPort));
        }
        catch
        {
            _client.Dispose();
            throw;
        }
    }

    public bool CanRelay => _relay is not null;

    /// <summary>
    /// Sends the request and waits up to <paramref name="wait"/> for the first answer with its xid and chaddr, of a type
    /// that answers it; null when none came (the answer of a server that stays silent). A REQUEST shares the xid of its
    /// DISCOVER, so an OFFER that comes late (dnsmasq pings an address for 3 s before offering it) is not its answer.
    /// </summary>
    public DhcpReply? Exchange(DhcpMessage request, DhcpPath path, TimeSpan wait)
    {
        ArgumentNullException.ThrowIfNull(request);
        var socket = path == DhcpPath.Relay ? _relay ?? throw new InvalidOperationException("no second address to relay from") : _client;
        var datagram = new byte[DhcpConstants.MaximumMessageLength];
        var length = request.WriteTo(datagram);
        socket.SendTo(datagram.AsSpan(0, length), SocketFlags.None, path == DhcpPath.Broadcast ? AllServers : _server);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < wait)
        {
            var left = wait - clock.Elapsed;
            if (!socket.Poll((int)Math.Max(1, left.TotalMicroseconds), SelectMode.SelectRead))
            {
                break;
            }

            EndPoint from = new IPEndPoint(IPAddress.Any, 0);
            int received;
            try
            {
                received = socket.ReceiveFrom(_receive, ref from);
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionRefused or SocketError.ConnectionReset)
            {
                continue;
            }

            if (DhcpMessage.TryParse(_receive.AsSpan(0, received), out var reply) == DhcpParseError.None
                && reply is { Op: DhcpOpCode.BootReply }
                && reply.TransactionId == request.TransactionId
                && reply.ClientHardwareAddress.AsSpan().SequenceEqual(request.ClientHardwareAddress)
                && Answers(request.MessageType, reply.MessageType))
            {
                return new DhcpReply(reply, received, (IPEndPoint)from);
            }
        }

        return null;
    }

    /// <summary>RFC 2131 section 3: an OFFER answers a DISCOVER; an ACK or a NAK answers a REQUEST or an INFORM.</summary>
    private static bool Answers(DhcpMessageType request, DhcpMessageType reply) => request switch
    {
        DhcpMessageType.Discover => reply == DhcpMessageType.Offer,
        DhcpMessageType.Request or DhcpMessageType.Inform => reply is DhcpMessageType.Ack or DhcpMessageType.Nak,
        _ => true,
    };

    public void Dispose()
    {
        _client.Dispose();
        _relay?.Dispose();
    }
}
