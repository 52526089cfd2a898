using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using PxeKit.Core.Events;
using PxeKit.Core.Interop;
using PxeKit.Protocol.Dhcp6;

namespace PxeKit.Server.Dhcp6;

/// <summary>
/// Receives DHCPv6 on one interface: UDP [::]:547 bound to the interface (SO_BINDTODEVICE), joined to
/// All_DHCP_Relay_Agents_and_Servers (ff02::1:2) on that interface's index, and sends the handler's replies to the
/// client's link-local address, with its scope, on port 546. A reply that binds an address leaves once the address
/// is durable; its event is recorded when it has left. Only a socket failure ends the loop.
/// </summary>
public sealed class Dhcp6Listener : IDisposable
{
    private readonly string _interface;
    private readonly IPAddress _server;
    private readonly IDhcp6Handler _handler;
    private readonly IBootJournal _journal;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Socket _socket;
    private readonly Dhcp6Mode _mode;

    /// <param name="interfaceName">The served interface.</param>
    /// <param name="server">PxeKit's global or unique-local address on it: boot URLs name it.</param>
    /// <param name="port">547; another port for tests.</param>
    public Dhcp6Listener(string interfaceName, IPAddress server, IDhcp6Handler handler, Dhcp6Mode mode, IBootJournal journal, ILogger<Dhcp6Listener> logger, TimeProvider? time = null, int port = Dhcp6Constants.ServerPort)
    {
        ArgumentException.ThrowIfNullOrEmpty(interfaceName);
        ArgumentNullException.ThrowIfNull(server);
        _interface = interfaceName;
        _server = server;
        _handler = handler;
        _mode = mode;
        _journal = journal;
        _logger = logger;
        _time = time ?? TimeProvider.System;
        Port = port;
        uint index = LibC.InterfaceIndex(interfaceName);
        if (index == 0)
        {
            throw new InvalidOperationException($"DHCPv6: there is no interface {interfaceName}");
        }

        InterfaceIndex = (int)index;
        _socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            _socket.DualMode = false;
            _socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            SocketOptions.EnlargeReceiveBuffer(_socket);
            SocketOptions.BindToDevice(_socket, interfaceName);
            _socket.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
            _socket.SetSocketOption(SocketOptionLevel.IPv6, SocketOptionName.AddMembership, new IPv6MulticastOption(Dhcp6Constants.AllRelayAgentsAndServers, InterfaceIndex));
        }
        catch
        {
            _socket.Dispose();
            throw;
        }
    }

    /// <summary>The port it listens on.</summary>
    public int Port { get; }

    /// <summary>The served interface's index: the multicast group is joined there, and replies carry it as their scope.</summary>
    public int InterfaceIndex { get; }

    /// <summary>Datagrams and replies dropped, by reason.</summary>
    public ConcurrentDictionary<string, long> Drops { get; } = new(StringComparer.Ordinal);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        Log.Listening(_logger, _interface, Port, _mode);
        var buffer = ArrayPool<byte>.Shared.Rent(ushort.MaxValue);
        var reply = ArrayPool<byte>.Shared.Rent(Dhcp6Constants.MaximumReplyLength);
        try
        {
            EndPoint any = new IPEndPoint(IPAddress.IPv6Any, 0);
            while (!cancellationToken.IsCancellationRequested)
            {
                SocketReceiveFromResult received;
                try
                {
                    received = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, any, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
                catch (SocketException e)
                {
                    Log.Stopped(_logger, _interface, e.Message);
                    throw;
                }

                await HandleAsync(buffer.AsMemory(0, received.ReceivedBytes), (IPEndPoint)received.RemoteEndPoint, reply, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            ArrayPool<byte>.Shared.Return(reply);
        }
    }

    private async Task HandleAsync(ReadOnlyMemory<byte> datagram, IPEndPoint source, byte[] reply, CancellationToken cancellationToken)
    {
        Dhcp6Outcome outcome;
        try
        {
            outcome = _handler.Handle(new Dhcp6RequestContext(datagram, _interface, source, _server), reply);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A bug in a handler must not take the listener down with it: counted, logged, and the loop goes on.
            Count("handler error");
            Log.HandlerFailed(_logger, source.ToString(), _interface, e);
            return;
        }

        if (outcome.Length == 0 || outcome.Reply is null)
        {
            return;
        }

        // RFC 8415 section 18.3: replies go to the client's address (link-local, with the interface as its scope) and
        // its port 546; a Relay-reply goes to the relay agent that sent the Relay-forward, on port 547 (section 7.2).
        var destination = new IPEndPoint(source.Address.IsIPv6LinkLocal && source.Address.ScopeId == 0
            ? new IPAddress(source.Address.GetAddressBytes(), InterfaceIndex)
            : source.Address, outcome.ToRelay ? Dhcp6Constants.ServerPort : Dhcp6Constants.ClientPort);
        if (outcome.Durable.IsCompletedSuccessfully)
        {
            await SendAsync(reply.AsMemory(0, outcome.Length), destination, outcome.Reply, cancellationToken).ConfigureAwait(false);
            return;
        }

        // The address is being stored: the next requests need not wait for it. The reply is copied out of the
        // loop's buffer, which the next datagram reuses.
        var copy = reply.AsSpan(0, outcome.Length).ToArray();
        _ = SendWhenDurableAsync(copy, destination, outcome, cancellationToken);
    }

    private async Task SendWhenDurableAsync(byte[] reply, IPEndPoint destination, Dhcp6Outcome outcome, CancellationToken cancellationToken)
    {
        try
        {
            await outcome.Durable.ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // Without a durable binding the Reply would promise what a restart forgets: say nothing, the client asks again.
            Count("binding not stored");
            Dropped(outcome.Reply!, $"{outcome.Reply!.Dhcp6?.MessageType} not sent: the address could not be stored ({e.Message})", null);
            return;
        }

        try
        {
            await SendAsync(reply, destination, outcome.Reply!, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ObjectDisposedException or OperationCanceledException)
        {
            // The server stopped while the binding was being written: the client asks again.
        }
    }

    private async Task SendAsync(ReadOnlyMemory<byte> reply, IPEndPoint destination, BootEvent pending, CancellationToken cancellationToken)
    {
        try
        {
            await _socket.SendToAsync(reply, SocketFlags.None, destination, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            Count("send refused");
            Dropped(pending, $"{pending.Dhcp6?.MessageType} not sent to {destination}: {e.Message}", e.SocketErrorCode);
            return;
        }

        _journal.Record(pending with { Time = _time.GetUtcNow() });
    }

    private void Dropped(BootEvent pending, string detail, SocketError? error)
    {
        Log.ReplyDropped(_logger, pending.Mac ?? "", _interface, detail);
        _journal.Record(pending with { Time = _time.GetUtcNow(), Step = BootStep.Dhcp6ReplyDropped, SocketError = error, Detail = detail });
    }

    private void Count(string reason) => Drops.AddOrUpdate(reason, 1, (_, n) => n + 1);

    public void Dispose() => _socket.Dispose();
}
