using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using PxeKit.Protocol.Tftp;

namespace PxeKit.Load;

/// <summary>
/// A TFTP read (RFC 1350) with blksize, tsize and windowsize (RFC 2347-2349, 7440), on blocking sockets
/// so a single stream is not held back by the client. Every byte is hashed; the length is checked
/// against tsize when the server sent one. Bounded: each wait has a timeout and a retry limit, and
/// the whole download stops at the deadline.
/// </summary>
public sealed class TftpDownload
{
    private readonly TftpDownloadOptions _options;

    public TftpDownload(TftpDownloadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <summary>Runs the download on the calling thread; never throws for network or protocol trouble.</summary>
    public TftpDownloadResult Run(DateTime deadlineUtc)
    {
        var clock = Stopwatch.StartNew();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long bytes = 0;
        try
        {
            using var socket = new Socket(_options.Server.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            socket.ReceiveBufferSize = 4 << 20;
            socket.Bind(new IPEndPoint(_options.Server.AddressFamily == AddressFamily.InterNetwork ? IPAddress.Any : IPAddress.IPv6Any, 0));
            var error = Transfer(socket, hash, ref bytes, deadlineUtc);
            return new TftpDownloadResult(bytes, Convert.ToHexStringLower(hash.GetHashAndReset()), clock.Elapsed, error);
        }
        catch (SocketException e)
        {
            return new TftpDownloadResult(bytes, "", clock.Elapsed, $"socket error {e.SocketErrorCode}");
        }
    }

    private string? Transfer(Socket socket, IncrementalHash hash, ref long bytes, DateTime deadlineUtc)
    {
        var packet = new byte[TftpConstants.MaxPacketLength];
        var ack = new byte[TftpConstants.AckLength];
        var request = new byte[TftpConstants.OpcodeLength + 512];
        var requestLength = TftpPacketWriter.WriteRequest(request, TftpOpcode.ReadRequest, _options.FileName, TftpMode.Octet, RequestOptions());
        SetTimeout(socket, 0);

        // The first answer comes from the server's transfer port: an OACK, DATA 1 (options ignored) or ERROR.
        EndPoint peer = new IPEndPoint(_options.Server.AddressFamily == AddressFamily.InterNetwork ? IPAddress.Any : IPAddress.IPv6Any, 0);
        int length = -1;
        for (var attempt = 0; length < 0; attempt++)
        {
            if (attempt > _options.MaxRetries || DateTime.UtcNow > deadlineUtc)
            {
                return "no answer to the read request";
            }

            SetTimeout(socket, attempt);
            socket.SendTo(request.AsSpan(0, requestLength), SocketFlags.None, _options.Server);
            length = Receive(socket, packet, ref peer);
        }

        socket.Connect(peer);
        SetTimeout(socket, 0);
        var blockSize = TftpConstants.DefaultBlockSize;
        var window = 1;
        long? announced = null;
        if (TftpPacket.TryParse(packet.AsSpan(0, length), out var first) != TftpParseError.None)
        {
            return "malformed first answer";
        }

        switch (first.Opcode)
        {
            case TftpOpcode.Error:
                return $"server ERROR {(int)first.ErrorCode}: {System.Text.Encoding.ASCII.GetString(first.ErrorMessage)}";
            case TftpOpcode.OptionAck:
                var granted = TftpRequestOptions.From(first.Options);
                blockSize = (int)(granted.BlockSize ?? TftpConstants.DefaultBlockSize);
                window = (int)(granted.WindowSize ?? 1);
                announced = granted.TransferSize;
                length = SendAckAndReceive(socket, ack, 0, packet);
                break;
            case TftpOpcode.Data:
                break;
            default:
                return $"unexpected {first.Opcode} as first answer";
        }

        return ReceiveData(socket, packet, length, ack, blockSize, window, announced, hash, ref bytes, deadlineUtc);
    }

    // RFC 7440: take blocks in order, ACK the last one of every window, the last block of the file, and
    // on a gap the last block received in order (the server then resends from the one after it).
    private string? ReceiveData(Socket socket, byte[] packet, int length, byte[] ack, int blockSize, int window, long? announced, IncrementalHash hash, ref long bytes, DateTime deadlineUtc)
    {
        long expected = 1;
        var inWindow = 0;
        var retries = 0;
        while (true)
        {
            if (DateTime.UtcNow > deadlineUtc)
            {
                return $"deadline reached at block {expected}";
            }

            if (length < 0)
            {
                if (++retries > _options.MaxRetries)
                {
                    return $"timed out waiting for block {expected}";
                }

                SetTimeout(socket, retries);

                length = SendAckAndReceive(socket, ack, expected - 1, packet);
                inWindow = 0;
                continue;
            }

            var opcode = (TftpOpcode)BinaryPrimitives.ReadUInt16BigEndian(packet);
            if (opcode == TftpOpcode.Error)
            {
                TftpPacket.TryParse(packet.AsSpan(0, length), out var error);
                return $"server ERROR {(int)error.ErrorCode}: {System.Text.Encoding.ASCII.GetString(error.ErrorMessage)}";
            }

            if (opcode != TftpOpcode.Data || length < TftpConstants.DataHeaderLength)
            {
                length = ReceiveNext(socket, packet);
                continue;
            }

            var block = BinaryPrimitives.ReadUInt16BigEndian(packet.AsSpan(2));
            if (block != (ushort)expected)
            {
                // A gap (a block was lost) or a block resent after a timeout: tell the server where we are.
                length = (ushort)(block - (ushort)expected) < 0x8000
                    ? SendAckAndReceive(socket, ack, expected - 1, packet)
                    : ReceiveNext(socket, packet);
                inWindow = 0;
                continue;
            }

            if (retries > 0)
            {
                retries = 0;
                SetTimeout(socket, 0);
            }

            var data = packet.AsSpan(TftpConstants.DataHeaderLength, length - TftpConstants.DataHeaderLength);
            hash.AppendData(data);
            bytes += data.Length;
            if (data.Length < blockSize)
            {
                Ack(socket, ack, expected);
                return announced is { } size && size != bytes ? $"received {bytes} bytes, the server announced {size}" : null;
            }

            expected++;
            length = ++inWindow == window ? SendAckAndReceive(socket, ack, expected - 1, packet) : ReceiveNext(socket, packet);
            if (inWindow == window)
            {
                inWindow = 0;
            }
        }
    }

    // The wait doubles after each timeout (1, 2, 4, 8, 16 s with the defaults), as boot firmware
    // backs off, so a server busy with hundreds of transfers is not taken for a dead one.
    private void SetTimeout(Socket socket, int retries) =>
        socket.ReceiveTimeout = (int)Math.Min(_options.Timeout.TotalMilliseconds * (1 << Math.Min(retries, 5)), 60_000);

    private int SendAckAndReceive(Socket socket, byte[] ack, long block, byte[] packet)
    {
        Ack(socket, ack, block);
        return ReceiveNext(socket, packet);
    }

    private static void Ack(Socket socket, byte[] ack, long block)
    {
        TftpPacketWriter.WriteAck(ack, unchecked((ushort)block));
        socket.Send(ack);
    }

    private static int ReceiveNext(Socket socket, byte[] packet)
    {
        try
        {
            return socket.Receive(packet);
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.TimedOut or SocketError.WouldBlock or SocketError.ConnectionRefused)
        {
            return -1;
        }
    }

    private static int Receive(Socket socket, byte[] packet, ref EndPoint peer)
    {
        try
        {
            return socket.ReceiveFrom(packet, ref peer);
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.TimedOut or SocketError.WouldBlock or SocketError.ConnectionRefused)
        {
            return -1;
        }
    }

    private KeyValuePair<string, string>[] RequestOptions()
    {
        var options = new List<KeyValuePair<string, string>> { new(TftpConstants.TransferSizeOption, "0") };
        if (_options.BlockSize != TftpConstants.DefaultBlockSize)
        {
            options.Add(new(TftpConstants.BlockSizeOption, _options.BlockSize.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        if (_options.WindowSize > 1)
        {
            options.Add(new(TftpConstants.WindowSizeOption, _options.WindowSize.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return [.. options];
    }
}
