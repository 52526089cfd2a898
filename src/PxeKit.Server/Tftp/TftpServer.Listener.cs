using System.Net;
using System.Net.Sockets;
using System.Text;
using PxeKit.Core.Events;
using PxeKit.Protocol.Tftp;
using PxeKit.Server.Limits;

namespace PxeKit.Server.Tftp;

public sealed partial class TftpServer
{
    // Three outcomes per datagram: a request (start a transfer), not for us (debug), unusable (info,
    // counted, hex dump). A socket failure stops the listener; nothing else escapes the loop.
    private async Task ReceiveLoopAsync(Socket socket, CancellationToken cancellationToken)
    {
        var buffer = GC.AllocateUninitializedArray<byte>(ushort.MaxValue + 1);
        var anyRemote = new IPEndPoint(socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        var localEndPoint = socket.LocalEndPoint;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                SocketReceiveMessageFromResult result;
                try
                {
                    result = await socket.ReceiveMessageFromAsync(buffer, SocketFlags.None, anyRemote, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    break;
                }
                catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ConnectionReset or SocketError.MessageSize)
                {
                    // An ICMP error for an earlier send, or an oversized datagram: about one peer, not the socket.
                    continue;
                }
                catch (SocketException ex)
                {
                    _logger.ListenerFailed(localEndPoint, ex.SocketErrorCode, ex);
                    throw;
                }

                var client = (IPEndPoint)result.RemoteEndPoint;
                try
                {
                    Dispatch(buffer.AsSpan(0, result.ReceivedBytes), client, result.PacketInformation.Address, cancellationToken);
                }
#pragma warning disable CA1031 // The listener must outlive any bug in handling one datagram.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    _logger.HandlerError(client, ex);
                }
            }
        }
        finally
        {
            socket.Dispose();
            await Task.WhenAll(_sessions.Values.Select(session => session.Completion)).ConfigureAwait(false);
            _refusals?.Dispose();
            foreach (var reactor in _reactors)
            {
                reactor.Dispose();
            }

            _logger.ListenerStopped(localEndPoint);
        }
    }

    private void Dispatch(ReadOnlySpan<byte> datagram, IPEndPoint client, IPAddress? localAddress, CancellationToken cancellationToken)
    {
        var error = TftpPacket.TryParse(datagram, out var packet);
        if (error != TftpParseError.None)
        {
            Interlocked.Increment(ref _malformed[(int)error]);
            _logger.DatagramDropped(client, error, datagram.Length, HexDump.Of(datagram));
            return;
        }

        if (!packet.IsRequest)
        {
            _logger.NotARequest(packet.Opcode, client);
            return;
        }

        // A client that repeats its request (its first answer was slow) must not get two transfers.
        if (_sessions.ContainsKey(client))
        {
            _logger.DuplicateRequest(client);
            return;
        }

        // Over a cap: no socket, no file, no answer. Firmware retransmits an unanswered request and is
        // served once a slot is free; an ERROR would end its boot at once (docs/tftp.md, "Limits").
        var answerFrom = AnswerFrom(localAddress);
        if (_admission.TryTake(client.Address) is { } refusal)
        {
            _refusals!.Refused(refusal == SlotRefusal.PerAddress ? TftpLimit.PerClient : TftpLimit.Server, packet, client, answerFrom);
            return;
        }

        var request = new TftpRequest(
            packet.Opcode,
            Encoding.Latin1.GetString(packet.FileName),
            packet.Mode,
            packet.GetRequestOptions(),
            client,
            answerFrom);
        var files = _files;
        var session = new TftpSession(request, files.Options, files.Jail, _logger, _journal, _time, NextReactor(), () => Interlocked.Increment(ref _socketsOpened));
        if (!_sessions.TryAdd(client, session))
        {
            _admission.Give(client.Address);
            _logger.DuplicateRequest(client);
            return;
        }

        session.Completion = Start(session, client, cancellationToken);
    }

    // A transfer starts on the thread pool (opening the file, the first send) and, from its first wait
    // on, runs on its reactor's thread; transfers are spread over the reactors in turn.
    private Task Start(TftpSession session, IPEndPoint client, CancellationToken cancellationToken) =>
        Task.Run(
            async () =>
            {
                try
                {
                    await session.RunAsync(cancellationToken).ConfigureAwait(false);
                }
#pragma warning disable CA1031 // A transfer's bug must not reach the listener; it is logged in full.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    _logger.HandlerError(client, ex);
                }
                finally
                {
                    _sessions.TryRemove(new KeyValuePair<IPEndPoint, TftpSession>(client, session));
                    _admission.Give(client.Address);
                }
            },
            CancellationToken.None);

    private TftpReactor NextReactor() => _reactors[(int)((uint)Interlocked.Increment(ref _nextReactor) % (uint)_reactors.Length)];

    // Answer from the address the client wrote to, so a multi-homed server does not reply from another
    // one; a broadcast or unknown destination falls back to the listen address.
    private IPAddress AnswerFrom(IPAddress? destination) =>
        destination is null
        || destination.Equals(IPAddress.Any)
        || destination.Equals(IPAddress.IPv6Any)
        || destination.Equals(IPAddress.Broadcast)
        || destination.IsIPv6Multicast
        || (destination.AddressFamily == AddressFamily.InterNetwork && destination.GetAddressBytes()[0] >= 224)
            ? _options.ListenAddress
            : destination;
}
