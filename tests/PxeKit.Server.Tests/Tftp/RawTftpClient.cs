using System.Net;
using System.Net.Sockets;
using PxeKit.Protocol.Tftp;

namespace PxeKit.Server.Tests.Tftp;

/// <summary>A hand-driven TFTP peer for what real clients will not do: hostile names, garbage, bad manners.</summary>
internal sealed class RawTftpClient : IDisposable
{
    private readonly UdpClient _udp = new(new IPEndPoint(IPAddress.Loopback, 0));

    public async Task SendAsync(byte[] datagram, IPEndPoint to) => await _udp.SendAsync(datagram, to);

    public Task SendRequestAsync(IPEndPoint server, byte[] fileName, params KeyValuePair<string, string>[] options)
    {
        var buffer = new byte[1024];
        var length = TftpPacketWriter.WriteRequest(buffer, TftpOpcode.ReadRequest, fileName, TftpMode.Octet, options);
        return SendAsync(buffer[..length], server);
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

    public async Task<UdpReceiveResult> ExpectAsync(TftpOpcode opcode, TimeSpan? timeout = null)
    {
        var received = await ReceiveAsync(timeout ?? TimeSpan.FromSeconds(5))
            ?? throw new TimeoutException($"No {opcode} arrived.");
        Assert.Equal(TftpParseError.None, TftpPacket.TryParse(received.Buffer, out var packet));
        Assert.Equal(opcode, packet.Opcode);
        return received;
    }

    public void Dispose() => _udp.Dispose();
}
