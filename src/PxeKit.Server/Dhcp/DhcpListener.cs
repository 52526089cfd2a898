using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using PxeKit.Core.Events;
using PxeKit.Core.Interop;
using PxeKit.Protocol.Dhcp;

namespace PxeKit.Server.Dhcp;

/// <summary>
/// Receives DHCP datagrams on one interface and sends the handler's replies. A datagram that is not
/// a request for us is ignored, an unusable one is counted and logged with a reason, and only a
/// socket failure ends the loop.
/// </summary>
public sealed class DhcpListener : IDisposable
{
    private readonly string _interface;
    private readonly int _port;
    private readonly IDhcpHandler _handler;
    private readonly ILogger _logger;
    private readonly Socket _socket;
    private readonly DhcpRateLimiter _limiter;
    private readonly IBootJournal _journal;
    private readonly DhcpJournal _dhcpJournal;
    private readonly TimeProvider _time;

    /// <summary>
    /// How many requests may wait for their handler at once (a DISCOVER or REQUEST whose lease the shared database is
    /// deciding): about half a second of work at two thousand exchanges a second, so a burst is waited out. Past that a
    /// new DISCOVER is dropped (see <see cref="NotBusyBelow"/>) and a REQUEST waits for a slot.
    /// </summary>
    public const int MaxRequestsInFlight = 1024;

    /// <summary>
    /// Below this many requests in flight a busy server is no longer said to be (in the log). It is busy when all
    /// <see cref="MaxRequestsInFlight"/> are taken: a new DISCOVER is then dropped (journaled as
    /// <see cref="DhcpIgnoreReason.Busy"/>) where a REQUEST waits for its turn. A REQUEST finishes an exchange a client is
    /// waiting on; a DISCOVER starts one the server could not finish before its client gave up, and waiting for it would
    /// leave every request behind it in the socket's buffer, answered too late (measured: two servers on one database
    /// fell from 1,600 to 68 exchanges a second at 1.5 times their capacity; with this they kept 1,000 to 1,600). The client asks again.
    /// </summary>
    public const int NotBusyBelow = MaxRequestsInFlight / 2;

    private readonly SemaphoreSlim _inFlight = new(MaxRequestsInFlight, MaxRequestsInFlight);
    private bool _busy;

    public DhcpListener(string interfaceName, int port, IDhcpHandler handler, IBootJournal journal, ILogger<DhcpListener> logger, DhcpRateLimiter? limiter = null, TimeProvider? time = null)
    {
        _interface = interfaceName;
        _port = port;
        _handler = handler;
        _journal = journal;
        _logger = logger;
        _time = time ?? TimeProvider.System;
        _dhcpJournal = new DhcpJournal(journal, _time);
        _limiter = limiter ?? new DhcpRateLimiter(DhcpRateLimit.None, _time);
        _socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            _socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            _socket.EnableBroadcast = true;
            SocketOptions.EnlargeReceiveBuffer(_socket);
            SocketOptions.BindToDevice(_socket, interfaceName);
            _socket.Bind(new IPEndPoint(IPAddress.Any, port));
        }
        catch
        {
            _socket.Dispose();
            throw;
        }
    }

    /// <summary>Datagrams dropped, by reason.</summary>
    public ConcurrentDictionary<string, long> Drops { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Receives on a thread of its own until <paramref name="cancellationToken"/> is cancelled. The thread waits in the
    /// receive itself: an asynchronous receive woke the runtime's socket thread and then a pool thread for every datagram,
    /// two context switches per request that a DHCP server at thousands of requests a second paid on every one. A handler
    /// that waits (for the lease database) goes on elsewhere, as the receive loop goes on.
    /// </summary>
    public Task RunAsync(CancellationToken cancellationToken)
    {
        var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                Receive(cancellationToken);
                ended.SetResult();
            }
            catch (Exception e)
            {
                ended.SetException(e);
            }
        })
        {
            Name = $"pxekit dhcp {_interface}:{_port}",
            IsBackground = true,
        };
        thread.Start();
        return ended.Task;
    }

    private void Receive(CancellationToken cancellationToken)
    {
        Log.Listening(_logger, _interface, _port);
        var buffer = ArrayPool<byte>.Shared.Rent(DhcpConstants.MaximumMessageLength * 2);
        var replyBuffer = ArrayPool<byte>.Shared.Rent(DhcpConstants.MaximumMessageLength);

        // Cancelling ends the wait in the receive: shutting a UDP socket down wakes it (and says ENOTCONN, as the socket is
        // not connected); the receive then returns no bytes.
        using var stop = cancellationToken.Register(static socket =>
        {
            try
            {
                ((Socket)socket!).Shutdown(SocketShutdown.Receive);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
            }
        }, _socket);
        try
        {
            EndPoint any = new IPEndPoint(IPAddress.Any, 0);
            while (!cancellationToken.IsCancellationRequested)
            {
                int length;
                EndPoint from = any;
                try
                {
                    length = _socket.ReceiveFrom(buffer, SocketFlags.None, ref from);
                }
                catch (SocketException e) when (!cancellationToken.IsCancellationRequested)
                {
                    Log.ListenerFailed(_logger, _interface, e.Message, e);
                    throw;
                }
                catch (SocketException)
                {
                    break;
                }

                if (cancellationToken.IsCancellationRequested)
                {
                    break;
                }

                var handled = HandleAsync(buffer.AsMemory(0, length), (IPEndPoint)from, replyBuffer, cancellationToken);
                if (!handled.IsCompleted)
                {
                    // A REQUEST waiting for a free slot: the receive waits with it, as the slots are all taken.
                    handled.GetAwaiter().GetResult();
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            ArrayPool<byte>.Shared.Return(replyBuffer);
        }
    }

    private async Task HandleAsync(ReadOnlyMemory<byte> datagram, IPEndPoint source, byte[] replyBuffer, CancellationToken cancellationToken)
    {
        var error = DhcpMessage.TryParse(datagram.Span, out var request);
        if (error != DhcpParseError.None || request is null)
        {
            Drop(source, error.ToString(), datagram.Span);
            return;
        }

        if (request.Op != DhcpOpCode.BootRequest)
        {
            Log.NotForUs(_logger, "a BOOTREPLY", source);
            return;
        }

        // Dropped on purpose, and journaled with the reason: the capture beside the socket saw these requests too, and the
        // diagnosis must not take a request the listener chose to drop for one the host's firewall dropped.
        if (request.HardwareType != DhcpConstants.EthernetHardwareType || request.ClientHardwareAddress.Length != DhcpConstants.EthernetAddressLength)
        {
            var why = $"not Ethernet (htype {request.HardwareType}, hlen {request.ClientHardwareAddress.Length})";
            Drop(source, why, datagram.Span);
            _dhcpJournal.Ignored(new DhcpRequestContext(request, _interface, source, _port), DhcpIgnoreReason.NotEthernet, why);
            return;
        }

        if (request.MessageType == DhcpMessageType.None)
        {
            const string why = "BOOTP request without option 53 (BOOTP is not served)";
            Drop(source, why, datagram.Span);
            _dhcpJournal.Ignored(new DhcpRequestContext(request, _interface, source, _port), DhcpIgnoreReason.Bootp, why);
            return;
        }

        var context = new DhcpRequestContext(request, _interface, source, _port);
        if (!_limiter.TryAcquire(context.Mac))
        {
            // Counted, not logged one by one: a flood would flood the log too.
            Drops.AddOrUpdate("rate limited", 1, (_, n) => n + 1);
            Log.RateLimited(_logger, context.Mac, source);
            return;
        }

        if (request.MessageType == DhcpMessageType.Discover && Busy())
        {
            Drops.AddOrUpdate("busy", 1, (_, n) => n + 1);
            _dhcpJournal.Ignored(context, DhcpIgnoreReason.Busy,
                $"busy: {MaxRequestsInFlight - _inFlight.CurrentCount} requests wait for the lease database; the client asks again");
            return;
        }

        try
        {
            await _inFlight.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        ValueTask<DhcpMessage?> pending;
        try
        {
            pending = _handler.HandleAsync(context);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _inFlight.Release();
            HandlerFailed(request, e);
            return;
        }

        if (!pending.IsCompleted)
        {
            // The handler waits for the shared lease database: the next requests need not wait with it, and their
            // claims go to the database in the same batch.
            _ = FinishAsync(context, pending, cancellationToken);
            return;
        }

        _inFlight.Release();
        DhcpMessage? reply;
        try
        {
            reply = pending.Result;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            HandlerFailed(request, e);
            return;
        }

        if (reply is null)
        {
            return;
        }

        if (context.ReplyAfter.IsCompletedSuccessfully)
        {
            if (context.ReplyAfter.Result)
            {
                Send(context, reply, replyBuffer);
            }
            else
            {
                Withheld();
            }
        }
        else
        {
            // An ACK waits for its lease to reach the disk, an OFFER for the check of its address; the next
            // requests need not wait with them, and their leases join the same commit.
            _ = SendWhenReleasedAsync(context, reply, cancellationToken);
        }
    }

    /// <summary>A reply its handler completes later: sent (once its hold allows) from here, while the receive loop goes on.</summary>
    private async Task FinishAsync(DhcpRequestContext context, ValueTask<DhcpMessage?> pending, CancellationToken cancellationToken)
    {
        try
        {
            DhcpMessage? reply;
            try
            {
                reply = await pending.ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                HandlerFailed(context.Request, e);
                return;
            }

            if (reply is not null)
            {
                await SendWhenReleasedAsync(context, reply, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _inFlight.Release();
        }
    }

    /// <summary>
    /// Whether the server is busy: every request slot is taken. The log says when every slot is first taken, and when
    /// fewer than <see cref="NotBusyBelow"/> are again.
    /// </summary>
    private bool Busy()
    {
        int waiting = MaxRequestsInFlight - _inFlight.CurrentCount;
        if (!_busy && waiting >= MaxRequestsInFlight)
        {
            _busy = true;
            Log.Busy(_logger, _interface, waiting);
        }
        else if (_busy && waiting < NotBusyBelow)
        {
            _busy = false;
            Log.NoLongerBusy(_logger, _interface, Drops.GetValueOrDefault("busy"));
        }

        return waiting >= MaxRequestsInFlight;
    }

    /// <summary>A bug in a handler must not take the listener down with it: it is logged and counted, and the loop goes on.</summary>
    private void HandlerFailed(DhcpMessage request, Exception e)
    {
        Log.HandlerFailed(_logger, request.MessageType.ToString(), request.ClientMac, e);
        Drops.AddOrUpdate("handler error", 1, (_, n) => n + 1);
    }

    private async Task SendWhenReleasedAsync(DhcpRequestContext context, DhcpMessage reply, CancellationToken cancellationToken)
    {
        try
        {
            if (!await context.ReplyAfter.ConfigureAwait(false))
            {
                Withheld();
                return;
            }
        }
        catch (Exception e)
        {
            // Without a durable lease the ACK would promise what a restart forgets: say nothing, and
            // the client asks again.
            Log.LeaseNotStored(_logger, reply.MessageType.ToString(), context.Mac, e.Message, e);
            Drops.AddOrUpdate("lease not stored", 1, (_, n) => n + 1);
            Dropped(context, DhcpReplyFailure.LeaseNotStored, $"{reply.MessageType} not sent: the lease could not be stored ({e.Message})");
            return;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(DhcpConstants.MaximumMessageLength);
        try
        {
            Send(context, reply, buffer);
        }
        catch (Exception e) when (e is ObjectDisposedException or OperationCanceledException)
        {
            // The server stopped while the lease was being written: the client asks again.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // Sent synchronously, from whichever thread has the reply: the socket is never used asynchronously, which would make
    // the runtime turn its blocking receive into a wait on its socket thread (see RunAsync).
    private void Send(DhcpRequestContext context, DhcpMessage reply, byte[] buffer)
    {
        if (!reply.TryWriteTo(buffer, out int length))
        {
            // Too large for what the client takes (option 57), even with the free file and sname fields
            // carrying options: most often by echoing what the request carried (option 82, a long client id).
            // It is dropped whole rather than sent cut short. Before, one such request stopped the listener.
            int limit = Math.Min(buffer.Length, reply.MaximumLength);
            Log.ReplyTooLarge(_logger, reply.MessageType.ToString(), context.Mac, $"more than {limit} bytes");
            Drops.AddOrUpdate("reply too large", 1, (_, n) => n + 1);
            Dropped(context, DhcpReplyFailure.TooLarge, $"{reply.MessageType} not sent: it does not fit in the {limit} bytes the client takes");
            return;
        }

        var destination = DhcpReplyDestination.For(context, reply);
        try
        {
            _socket.SendTo(buffer.AsSpan(0, length), SocketFlags.None, destination);
        }
        catch (SocketException e)
        {
            Log.SendFailed(_logger, reply.MessageType.ToString(), destination, e.Message);
            Dropped(context, DhcpReplyFailure.SendRefused, $"{reply.MessageType} not sent to {destination}: {e.Message}", e.SocketErrorCode);
            return;
        }

        // Recorded now that it has left: an OFFER or ACK in the journal is one the client could receive.
        if (context.PendingReply is { } sent)
        {
            _journal.Record(sent.Sent(_time.GetUtcNow()));
        }
    }

    /// <summary>A reply its hold withheld: the handler that held it has said why, so it is only counted here.</summary>
    private void Withheld() => Drops.AddOrUpdate("reply withheld", 1, (_, n) => n + 1);

    /// <summary>A reply the handler decided on that did not leave: an event of its own, with the reason.</summary>
    private void Dropped(DhcpRequestContext context, DhcpReplyFailure failure, string detail, SocketError? error = null)
    {
        if (context.PendingReply is not { } pending)
        {
            return;
        }

        _journal.Record(pending.Dropped(_time.GetUtcNow(), failure, detail, error));
    }

    private void Drop(IPEndPoint source, string reason, ReadOnlySpan<byte> datagram)
    {
        Drops.AddOrUpdate(reason, 1, (_, n) => n + 1);
        Log.Dropped(_logger, source, _interface, reason, datagram.Length, Convert.ToHexStringLower(datagram[..Math.Min(datagram.Length, 32)]));
    }

    public void Dispose() => _socket.Dispose();
}
