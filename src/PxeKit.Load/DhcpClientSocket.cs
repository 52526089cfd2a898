using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using PxeKit.Protocol.Dhcp;

namespace PxeKit.Load;

/// <summary>
/// One UDP socket on port 68 shared by every simulated client: requests are broadcast to port 67 from
/// the named interface, and answers (broadcast by the server) are handed to the client waiting on
/// their transaction ID. Unknown IDs are dropped.
/// </summary>
public sealed class DhcpClientSocket : IDisposable
{
    private static readonly IPEndPoint Servers = new(IPAddress.Broadcast, DhcpConstants.ServerPort);

    private readonly Socket _socket;
    private readonly ConcurrentDictionary<uint, TaskCompletionSource<byte[]>> _waiting = new();
    private readonly Thread _receiver;

    public DhcpClientSocket(string device)
    {
        ArgumentException.ThrowIfNullOrEmpty(device);
        _socket = DeviceSocket.Bound(device, new IPEndPoint(IPAddress.Any, DhcpConstants.ClientPort));
        _socket.ReceiveBufferSize = 4 << 20;

        _receiver = new Thread(ReceiveLoop) { IsBackground = true, Name = "dhcp-storm-receiver" };
        _receiver.Start();
    }

    /// <summary>
    /// Broadcasts the request and waits for an answer with its transaction ID and one of the wanted
    /// types; sends again after <paramref name="timeout"/>, doubling it each time, as PXE firmware does
    /// (PXE 2.1 section 2.2.1: four tries, 4, 8, 16 and 32 seconds). Gives up at the deadline.
    /// </summary>
    public DhcpMessage? Exchange(DhcpMessage request, DhcpMessageType wanted, TimeSpan timeout, int tries, DateTime deadlineUtc)
    {
        ArgumentNullException.ThrowIfNull(request);
        var datagram = new byte[DhcpConstants.MaximumMessageLength];
        var length = request.WriteTo(datagram);
        for (var attempt = 0; attempt < tries && DateTime.UtcNow < deadlineUtc; attempt++, timeout *= 2)
        {
            var answer = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting[request.TransactionId] = answer;
            try
            {
                _socket.SendTo(datagram.AsSpan(0, length), SocketFlags.None, Servers);
                var deadline = DateTime.UtcNow + timeout < deadlineUtc ? DateTime.UtcNow + timeout : deadlineUtc;
                while (answer.Task.Wait(deadline - DateTime.UtcNow is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero))
                {
                    if (DhcpMessage.TryParse(answer.Task.Result, out var reply) == DhcpParseError.None
                        && reply is not null
                        && reply.ClientHardwareAddress.AsSpan().SequenceEqual(request.ClientHardwareAddress)
                        && (reply.MessageType == wanted || reply.MessageType == DhcpMessageType.Nak))
                    {
                        return reply;
                    }

                    answer = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
                    _waiting[request.TransactionId] = answer;
                }
            }
            finally
            {
                _waiting.TryRemove(request.TransactionId, out _);
            }
        }

        return null;
    }

    private void ReceiveLoop()
    {
        var buffer = new byte[ushort.MaxValue];
        while (true)
        {
            int length;
            try
            {
                length = _socket.Receive(buffer);
            }
            catch (SocketException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            if (length >= DhcpConstants.OptionsOffset)
            {
                var xid = BinaryPrimitives.ReadUInt32BigEndian(buffer.AsSpan(DhcpConstants.TransactionIdOffset));
                if (_waiting.TryGetValue(xid, out var waiter))
                {
                    waiter.TrySetResult(buffer.AsSpan(0, length).ToArray());
                }
            }
        }
    }

    public void Dispose()
    {
        _socket.Dispose();
        _receiver.Join(TimeSpan.FromSeconds(2));
    }
}
