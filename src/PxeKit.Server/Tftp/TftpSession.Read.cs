using System.Buffers;
using System.Runtime.CompilerServices;
using PxeKit.Core.Events;
using PxeKit.Core.Files;
using PxeKit.Protocol.Tftp;

namespace PxeKit.Server.Tftp;

internal sealed partial class TftpSession
{
    private async Task ReadRequestAsync(TftpTransferChannel channel, CancellationToken cancellationToken)
    {
        if (_options.Generated?.Find(FileName, _request.Client.Address, _request.LocalAddress) is { } generated)
        {
            await SendAsync(channel, new MemoryBlockSource(generated), cancellationToken).ConfigureAwait(false);
            return;
        }

        var decision = _jail.Resolve(FileName);
        if (!decision.IsAllowed)
        {
            var refusedByJail = TftpRefusal.From(decision);
            await RefuseAsync(channel, refusedByJail.Code, refusedByJail.Reason, cancellationToken, refusedByJail.Refusal).ConfigureAwait(false);
            return;
        }

        ITftpBlockSource? source;
        if (_options.Templates is { } templates && templates.Covers(decision.FullPath!))
        {
            var rendered = templates.Render(decision.FullPath!, _request.Client.Address, _request.LocalAddress);
            if (rendered.Content is null)
            {
                await RefuseAsync(channel, TftpErrorCode.NotDefined, rendered.Refusal!, cancellationToken).ConfigureAwait(false);
                return;
            }

            source = new MemoryBlockSource(rendered.Content);
        }
        else if (FileBlockSource.Open(decision.FullPath!, out var refusal) is { } file)
        {
            // The certificate table is at the file's end, past what the first block shows: a few bytes read from the file.
            _signature = ReadSignature(file);
            source = file;
        }
        else
        {
            await RefuseAsync(channel, refusal.Code, refusal.Reason, cancellationToken, refusal.Refusal).ConfigureAwait(false);
            return;
        }

        await SendAsync(channel, source, cancellationToken).ConfigureAwait(false);
    }

    private static ProgramSignature? ReadSignature(FileBlockSource file)
    {
        try
        {
            return file.Signature();
        }
        catch (IOException)
        {
            return null; // the transfer meets the same error and says it
        }
    }

    private async Task SendAsync(TftpTransferChannel channel, ITftpBlockSource source, CancellationToken cancellationToken)
    {
        try
        {
            if (_request.Mode == TftpMode.NetAscii)
            {
                // Converted block by block as it is sent; the source owns the file from here on.
                source = await NetAsciiBlockSource.OpenAsync(source, cancellationToken).ConfigureAwait(false);
            }

            var negotiation = TftpNegotiation.ForRead(_request.Options, source.Length, _options);
            _logger.Negotiated(FileName, _request.Client, negotiation.ToString());
            await SendFileAsync(channel, source, negotiation, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            source.Dispose();
        }
    }

    // RFC 1350 lock-step, extended by RFC 7440 windows: send blocks [next, next + window), wait for the
    // ACK of any of them, go on after the acknowledged block. Block numbers are 16 bits on the wire and
    // wrap from 65535 to 0; here they are 64-bit, so a file of any size transfers. An OACK is "block 0".
    private async Task SendFileAsync(TftpTransferChannel channel, ITftpBlockSource source, TftpNegotiation negotiation, CancellationToken cancellationToken)
    {
        var blockSize = negotiation.BlockSize;
        var lastBlock = (source.Length / blockSize) + 1;
        var acknowledged = negotiation.Acknowledged.ToArray();
        var next = acknowledged.Length > 0 ? 0L : 1L;

        // An OACK takes a few dozen bytes: the block-sized buffer (up to 64 KiB) is taken once the client
        // acknowledged it, so a request that is never answered holds none.
        var blockPacketLength = TftpConstants.DataHeaderLength + Math.Max(blockSize, TftpConstants.DefaultBlockSize);
        var packet = ArrayPool<byte>.Shared.Rent(next == 0 ? ErrorPacketLength : blockPacketLength);

        // The block after the window, read while the client takes the window and acknowledges it (tftpd-hpa reads ahead
        // the same way): the ACK is then answered with a send alone. Nearly all of a lock-step round trip is the
        // send's path through the kernel; at blksize 65464 the read was the rest.
        var ahead = new BlockAhead();

        // A window is sent from one buffer, a batch of up to 64 blocks at a time (a batch is at most one UDP payload long).
        var segmentLength = TftpConstants.DataHeaderLength + blockSize;
        var perBatch = Math.Clamp(TftpTransferChannel.MaxSegmentsLength / segmentLength, 1, TftpTransferChannel.MaxSegments);
        var windowLength = Math.Min(negotiation.WindowSize, perBatch) * segmentLength;
        byte[]? window = null;
        try
        {
            // A timeout the client asked for (RFC 2349) is kept as it is; otherwise it is learned from round trips.
            var learned = !acknowledged.Any(o => o.Key == TftpConstants.TimeoutOption);
            var timer = new RetransmitTimer(learned ? _options.MinRetransmitTimeout : negotiation.Timeout, negotiation.Timeout);
            var giveUpAfter = negotiation.Timeout * ((1 << Math.Min(_options.MaxRetries + 1, 16)) - 1);
            var timeout = timer.Current;
            var retries = 0;
            var progressAt = _time.GetTimestamp();
            while (true)
            {
                var windowEnd = next == 0 ? 0 : Math.Min(next + negotiation.WindowSize - 1, lastBlock);
                if (next == 0)
                {
                    var length = TftpPacketWriter.WriteOptionAck(packet, acknowledged);
                    await channel.SendAsync(packet.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
                }
                else if (negotiation.WindowSize == 1)
                {
                    if (packet.Length < blockPacketLength)
                    {
                        ArrayPool<byte>.Shared.Return(packet);
                        packet = ArrayPool<byte>.Shared.Rent(blockPacketLength);
                    }

                    var length = ahead.Take(next, ref packet) ?? await ReadBlockAsync(source, next, blockSize, packet, cancellationToken).ConfigureAwait(false);
                    if (length < 0)
                    {
                        await FailShortFileAsync(channel, next, cancellationToken).ConfigureAwait(false);
                        return;
                    }

                    NoteFormat(next, packet.AsSpan(0, length));
                    await channel.SendAsync(packet.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    // The window's blocks laid end to end, handed to the kernel a batch at a time (see SendSegments).
                    window ??= ArrayPool<byte>.Shared.Rent(windowLength);
                    var filled = 0;
                    for (var block = next; block <= windowEnd; block++)
                    {
                        var length = await ReadBlockAsync(source, block, blockSize, window.AsMemory(filled, segmentLength), cancellationToken).ConfigureAwait(false);
                        if (length < 0)
                        {
                            await FailShortFileAsync(channel, block, cancellationToken).ConfigureAwait(false);
                            return;
                        }

                        NoteFormat(block, window.AsSpan(filled, length));
                        filled += length;
                        if (filled + segmentLength > windowLength || block == windowEnd)
                        {
                            channel.SendSegments(window.AsSpan(0, filled), segmentLength, cancellationToken);
                            filled = 0;
                        }
                    }
                }

                var sentAt = _time.GetTimestamp();
                if (next > 0 && negotiation.WindowSize == 1 && windowEnd < lastBlock && !ahead.Holds(windowEnd + 1))
                {
                    var buffer = ahead.Buffer(blockPacketLength);
                    ahead.Filled(windowEnd + 1, await ReadBlockAsync(source, windowEnd + 1, blockSize, buffer, cancellationToken).ConfigureAwait(false));
                }

                var outcome = await AwaitAckAsync(channel, next, windowEnd, WithinLifetime(timeout), cancellationToken).ConfigureAwait(false);
                switch (outcome.Kind)
                {
                    case AckKind.Acknowledged:
                        if (outcome.Block == lastBlock)
                        {
                            Complete(source.Length, negotiation);
                            return;
                        }

                        if (LifetimeLeft <= TimeSpan.Zero)
                        {
                            await SendErrorAsync(channel, TftpErrorCode.NotDefined, "transfer took too long", cancellationToken).ConfigureAwait(false);
                            FailLifetime(outcome.Block + 1);
                            return;
                        }

                        if (learned && retries == 0)
                        {
                            timer.Sample(_time.GetElapsedTime(sentAt));
                        }

                        next = outcome.Block + 1;
                        retries = 0;
                        timeout = timer.Current;
                        progressAt = _time.GetTimestamp();
                        break;
                    case AckKind.TimedOut when LifetimeLeft <= TimeSpan.Zero:
                        FailLifetime(next);
                        return;
                    case AckKind.TimedOut:
                        if (++retries > _options.MaxRetries && _time.GetElapsedTime(progressAt) >= giveUpAfter)
                        {
                            Fail(TftpFailure.NoAcknowledgment, $"no acknowledgment of block {next} after {_options.MaxRetries} retransmissions", next);
                            return;
                        }

                        timeout = Backoff(timeout);
                        _logger.Retransmit(next, FileName, _request.Client, retries, timeout);
                        break;
                    case AckKind.ClientError when next == 0:
                        // UEFI firmware asks for tsize, reads the OACK, then ends with ERROR 8 on purpose
                        // before asking again for real: a probe, not a failure.
                        _logger.ClientEndedAfterOptions(_request.Client, FileName, outcome.ErrorCode, outcome.Message);
                        return;
                    default:
                        Fail(TftpFailure.ClientError, $"client sent ERROR {(int)outcome.ErrorCode}: {outcome.Message}", clientCode: outcome.ErrorCode);
                        return;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(packet);
            ahead.Dispose();
            if (window is not null)
            {
                ArrayPool<byte>.Shared.Return(window);
            }
        }
    }

    // Waits for an ACK inside the window (next - 1, windowEnd]. An ACK short of the window's end means
    // the client lost a block: the caller restarts the window right after the acknowledged block at once
    // (RFC 7440 section 4), without waiting for the timeout. A duplicate ACK of the block before the
    // window is ignored and never answered: resending on it is the Sorcerer's Apprentice bug (RFC 1123
    // 4.2.3.1), which doubles every packet from then on. Only a timeout resends a whole window again.
    // Called once per window and nearly always suspended on the receive: a Task-returning method would
    // allocate its state machine each time (200 transfers of 8 MiB: over a million), so it is a pooled
    // ValueTask whose box is reused.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<AckOutcome> AwaitAckAsync(TftpTransferChannel channel, long next, long windowEnd, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var waitStarted = _time.GetTimestamp();
        while (true)
        {
            var length = await channel.ReceiveAsync(timeout - _time.GetElapsedTime(waitStarted), cancellationToken).ConfigureAwait(false);
            if (length < 0)
            {
                return new AckOutcome(AckKind.TimedOut, 0, TftpErrorCode.NotDefined, "");
            }

            var error = TftpPacket.TryParse(channel.Received(length), out var packet);
            if (error != TftpParseError.None)
            {
                _logger.TransferDatagramIgnored(_request.Client, FileName, $"malformed ({error})");
                continue;
            }

            if (packet.Opcode == TftpOpcode.Error)
            {
                return new AckOutcome(AckKind.ClientError, 0, packet.ErrorCode, Printable(packet.ErrorMessage));
            }

            if (packet.Opcode != TftpOpcode.Ack)
            {
                _logger.TransferDatagramIgnored(_request.Client, FileName, $"unexpected {packet.Opcode}");
                continue;
            }

            var previous = next - 1;
            var ahead = (ushort)(packet.Block - (ushort)previous);
            if (next == 0)
            {
                if (packet.Block == 0)
                {
                    return new AckOutcome(AckKind.Acknowledged, 0, TftpErrorCode.NotDefined, "");
                }
            }
            else if (ahead > 0 && ahead <= windowEnd - previous)
            {
                return new AckOutcome(AckKind.Acknowledged, previous + ahead, TftpErrorCode.NotDefined, "");
            }

            _logger.TransferDatagramIgnored(_request.Client, FileName, $"duplicate or stray ACK {packet.Block}");
        }
    }

    private async ValueTask FailShortFileAsync(TftpTransferChannel channel, long block, CancellationToken cancellationToken)
    {
        await SendErrorAsync(channel, TftpErrorCode.NotDefined, "file changed during transfer", cancellationToken).ConfigureAwait(false);
        Fail(TftpFailure.FileProblem, "the file became shorter during the transfer", block);
    }

    // The program's format, from its first bytes: the first block's DATA packet.
    private void NoteFormat(long block, ReadOnlySpan<byte> packet)
    {
        if (block == 1)
        {
            _format = ProgramFormats.Of(packet[TftpConstants.DataHeaderLength..]);
        }
    }

    // Fills packet with the DATA header and the block's bytes; -1 if the file is shorter than it was.
    private static async ValueTask<int> ReadBlockAsync(ITftpBlockSource source, long block, int blockSize, Memory<byte> packet, CancellationToken cancellationToken)
    {
        var offset = (block - 1) * blockSize;
        var expected = (int)Math.Clamp(source.Length - offset, 0, blockSize);
        TftpPacketWriter.WriteDataHeader(packet.Span, unchecked((ushort)block));
        var filled = 0;
        while (filled < expected)
        {
            var read = await source.ReadAsync(offset + filled, packet.Slice(TftpConstants.DataHeaderLength + filled, expected - filled), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return -1;
            }

            filled += read;
        }

        return TftpConstants.DataHeaderLength + expected;
    }

    private static string Printable(ReadOnlySpan<byte> text)
    {
        var chars = new char[Math.Min(text.Length, 128)];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = text[i] is >= 0x20 and <= 0x7E ? (char)text[i] : '?';
        }

        return new string(chars);
    }

    private enum AckKind
    {
        Acknowledged,
        TimedOut,
        ClientError,
    }

    private readonly record struct AckOutcome(AckKind Kind, long Block, TftpErrorCode ErrorCode, string Message);
}
