using System.Net;
using System.Net.Sockets;
using PxeKit.Protocol.Tftp;

namespace PxeKit.Server.Tests.Tftp;

/// <summary>A hand-driven TFTP peer for what real clients will not do: hostile names, garbage, bad manners.</summary>
internal sealed class RawTftpClient(IPAddress? address = null) : IDisposable
{
    private readonly UdpClient _udp = new(new IPEndPoint(address ?? IPAddress.Loopback, 0));

    public async Task SendAsync(byte[] datagram, IPEndPoint to) => await _udp.SendAsync(datagram, to);

    public Task SendRequestAsync(IPEndPoint server, byte[] fileName, params KeyValuePair<string, string>[] options) =>
        SendRequestAsync(server, TftpOpcode.ReadRequest, fileName, options);

    public Task SendWriteRequestAsync(IPEndPoint server, byte[] fileName, params KeyValuePair<string, string>[] options) =>
        SendRequestAsync(server, TftpOpcode.WriteRequest, fileName, options);

    public Task SendDataAsync(IPEndPoint to, ushort block, ReadOnlySpan<byte> data)
    {
        var buffer = new byte[TftpConstants.DataHeaderLength + data.Length];
        TftpPacketWriter.WriteDataHeader(buffer, block);
        data.CopyTo(buffer.AsSpan(TftpConstants.DataHeaderLength));
        return SendAsync(buffer, to);
    }

    public Task SendErrorAsync(IPEndPoint to, TftpErrorCode code, string message)
    {
        var buffer = new byte[TftpConstants.ErrorHeaderLength + message.Length + 1];
        var length = TftpPacketWriter.WriteError(buffer, code, message);
        return SendAsync(buffer[..length], to);
    }

    public Task SendAckAsync(IPEndPoint to, ushort block)
    {
        var buffer = new byte[TftpConstants.AckLength];
        TftpPacketWriter.WriteAck(buffer, block);
        return SendAsync(buffer, to);
    }

    /// <summary>The next datagram, or null when none comes within the timeout.</summary>
    public async Task<UdpReceiveResult?> ReceiveAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            return await _udp.ReceiveAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>Expects an ACK of the block and returns the transfer's end point.</summary>
    public async Task<IPEndPoint> ExpectAckAsync(ushort block, TimeSpan? timeout = null)
    {
        var received = await ExpectAsync(TftpOpcode.Ack, timeout);
        TftpPacket.TryParse(received.Buffer, out var packet);
        Assert.Equal(block, packet.Block);
        return received.RemoteEndPoint;
    }

    /// <summary>Expects an ERROR with the code and returns its message.</summary>
    public async Task<string> ExpectErrorAsync(TftpErrorCode code, TimeSpan? timeout = null)
    {
        var received = await ExpectAsync(TftpOpcode.Error, timeout);
        TftpPacket.TryParse(received.Buffer, out var packet);
        Assert.Equal(code, packet.ErrorCode);
        return System.Text.Encoding.ASCII.GetString(packet.ErrorMessage);
    }

    public async Task<UdpReceiveResult> ExpectAsync(TftpOpcode opcode, TimeSpan? timeout = null)
    {
        var received = await ReceiveAsync(timeout ?? TimeSpan.FromSeconds(5))
            ?? throw new TimeoutException($"No {opcode} arrived.");
        Assert.Equal(TftpParseError.None, TftpPacket.TryParse(received.Buffer, out var packet));
        Assert.Equal(opcode, packet.Opcode);
        return received;
    }

    public void Dispose() => _udp.Dispose();

    private Task SendRequestAsync(IPEndPoint server, TftpOpcode opcode, byte[] fileName, KeyValuePair<string, string>[] options)
    {
        var buffer = new byte[1024];
        var length = TftpPacketWriter.WriteRequest(buffer, opcode, fileName, TftpMode.Octet, options);
        return SendAsync(buffer[..length], server);
    }
}
