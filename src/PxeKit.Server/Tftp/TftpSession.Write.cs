using System.Buffers;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using PxeKit.Core.Events;
using PxeKit.Core.Interop;
using PxeKit.Protocol.Tftp;
using PxeKit.Server.Files;

namespace PxeKit.Server.Tftp;

internal sealed partial class TftpSession
{
    private const string DiskFullMessage = "disk full or allocation exceeded";

    // A write request: the same jail as reads for the target, whose directory must already exist; never
    // over an existing file; received into a hidden partial file renamed into place after the last block.
    private async Task WriteRequestAsync(TftpTransferChannel channel, CancellationToken cancellationToken)
    {
        if (!_options.AllowWrite)
        {
            await RefuseAsync(channel, TftpErrorCode.AccessViolation, "writes are disabled", cancellationToken).ConfigureAwait(false);
            return;
        }

        var target = _jail.ResolveNew(FileName);
        if (!target.IsAllowed)
        {
            var refusedByJail = TftpRefusal.From(target);
            await RefuseAsync(channel, refusedByJail.Code, refusedByJail.Reason, cancellationToken, refusedByJail.Refusal).ConfigureAwait(false);
            return;
        }

        if (PartialFile.Exists(target.FullPath!))
        {
            await RefuseAsync(channel, TftpErrorCode.FileAlreadyExists, "file already exists", cancellationToken).ConfigureAwait(false);
            return;
        }

        if (_request.Options.TransferSize is { } announced && announced > _options.MaxWriteSize)
        {
            var reason = $"{DiskFullMessage}: {announced} bytes announced, the limit is {_options.MaxWriteSize}";
            await RefuseAsync(channel, TftpErrorCode.DiskFull, reason, cancellationToken).ConfigureAwait(false);
            return;
        }

        PartialFile file;
        try
        {
            file = PartialFile.Create(target.FullPath!);
        }
        catch (UnauthorizedAccessException)
        {
            await RefuseAsync(channel, TftpErrorCode.AccessViolation, "cannot create the file: permission denied", cancellationToken).ConfigureAwait(false);
            return;
        }
        catch (IOException ex)
        {
            await RefuseAsync(channel, TftpErrorCode.NotDefined, $"cannot create the file: {ex.Message}", cancellationToken).ConfigureAwait(false);
            return;
        }

        try
        {
            var negotiation = TftpNegotiation.ForWrite(_request.Options, _options);
            _logger.Negotiated(FileName, _request.Client, negotiation.ToString());
            await ReceiveFileAsync(channel, file, negotiation, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // Whatever ended the upload (completion, failure, timeout, server stopping), no partial file stays.
            var problem = file.Discard();
            if (problem is not null)
            {
                _logger.PartialFileNotRemoved(file.TempPath, problem);
            }
        }
    }

    // RFC 1350 section 4: ACK 0 (or the OACK, RFC 2347) starts the upload; each DATA block is acknowledged
    // and a block shorter than the block size is the last. Block numbers are 64-bit here and wrap from
    // 65535 to 0 on the wire. A repeated block (our ACK was lost) is acknowledged again; when nothing
    // comes, the last ACK is sent again with a doubling timeout, up to MaxRetries times.
    private async Task ReceiveFileAsync(TftpTransferChannel channel, PartialFile file, TftpNegotiation negotiation, CancellationToken cancellationToken)
    {
        var blockSize = negotiation.BlockSize;
        var decoder = _request.Mode == TftpMode.NetAscii ? new NetAsciiDecoder() : null;
        var reply = ArrayPool<byte>.Shared.Rent(ErrorPacketLength);
        var decoded = decoder is null ? null : ArrayPool<byte>.Shared.Rent(NetAsciiDecoder.MaxOutputLength(blockSize));
        try
        {
            var acknowledged = negotiation.Acknowledged.ToArray();
            var replyLength = acknowledged.Length > 0
                ? TftpPacketWriter.WriteOptionAck(reply, acknowledged)
                : TftpPacketWriter.WriteAck(reply, 0);
            var expected = 1L;
            var timeout = negotiation.Timeout;
            var retries = 0;
            while (true)
            {
                await channel.SendAsync(reply.AsMemory(0, replyLength), cancellationToken).ConfigureAwait(false);
                var outcome = await AwaitDataAsync(channel, expected, WithinLifetime(timeout), cancellationToken).ConfigureAwait(false);
                switch (outcome.Kind)
                {
                    case DataKind.Repeated:
                        continue;
                    case DataKind.TimedOut when LifetimeLeft <= TimeSpan.Zero:
                        FailLifetime(expected);
                        return;
                    case DataKind.TimedOut:
                        if (++retries > _options.MaxRetries)
                        {
                            Fail(TftpFailure.NoData, $"no DATA block {expected} after {_options.MaxRetries} retransmissions", expected);
                            return;
                        }

                        timeout = Backoff(timeout);
                        _logger.Reacknowledge(expected - 1, FileName, _request.Client, retries, timeout);
                        continue;
                    case DataKind.ClientError:
                        Fail(TftpFailure.ClientError, $"client sent ERROR {(int)outcome.ErrorCode}: {outcome.Message}", clientCode: outcome.ErrorCode);
                        return;
                }

                var data = channel.ReceivedMemory(outcome.Length)[TftpConstants.DataHeaderLength..];
                if (data.Length > blockSize)
                {
                    await SendErrorAsync(channel, TftpErrorCode.IllegalOperation, $"block larger than the block size {blockSize}", cancellationToken).ConfigureAwait(false);
                    Fail(TftpFailure.ProtocolViolation, $"DATA block {expected} of {data.Length} bytes, larger than the block size {blockSize}", expected);
                    return;
                }

                var last = data.Length < blockSize;
                if (decoder is not null)
                {
                    data = decoded.AsMemory(0, decoder.Decode(data.Span, decoded, last));
                }

                if (!await StoreAsync(channel, file, data, cancellationToken).ConfigureAwait(false))
                {
                    return;
                }

                replyLength = TftpPacketWriter.WriteAck(reply, unchecked((ushort)expected));
                retries = 0;
                timeout = negotiation.Timeout;
                if (last)
                {
                    await FinishUploadAsync(channel, file, expected, reply.AsMemory(0, replyLength), negotiation, cancellationToken).ConfigureAwait(false);
                    return;
                }

                if (LifetimeLeft <= TimeSpan.Zero)
                {
                    await SendErrorAsync(channel, TftpErrorCode.NotDefined, "transfer took too long", cancellationToken).ConfigureAwait(false);
                    FailLifetime(expected);
                    return;
                }

                expected++;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(reply);
            if (decoded is not null)
            {
                ArrayPool<byte>.Shared.Return(decoded);
            }
        }
    }

    // Appends one block; false (after telling the client) when the limit or the disk says no.
    private async Task<bool> StoreAsync(TftpTransferChannel channel, PartialFile file, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        string problem;
        if (file.Length + data.Length > _options.MaxWriteSize)
        {
            problem = $"the upload grew past the limit of {_options.MaxWriteSize} bytes";
        }
        else
        {
            try
            {
                await file.WriteAsync(data, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (IOException ex)
            {
                problem = $"cannot write the file: {ex.Message}";
            }
        }

        await SendErrorAsync(channel, TftpErrorCode.DiskFull, DiskFullMessage, cancellationToken).ConfigureAwait(false);
        Fail(TftpFailure.FileProblem, problem);
        return false;
    }

    // The last block is on disk: move the file into place, and only then send the final ACK, so a
    // client told "done" can rely on the file being there.
    private async Task FinishUploadAsync(TftpTransferChannel channel, PartialFile file, long lastBlock, ReadOnlyMemory<byte> finalAck, TftpNegotiation negotiation, CancellationToken cancellationToken)
    {
        int errno;
        try
        {
            errno = file.Commit();
        }
        catch (IOException ex)
        {
            await SendErrorAsync(channel, TftpErrorCode.DiskFull, DiskFullMessage, cancellationToken).ConfigureAwait(false);
            Fail(TftpFailure.FileProblem, $"cannot write the file: {ex.Message}");
            return;
        }

        if (errno != 0)
        {
            // Another upload of the same name finished first: it stays, this one goes.
            var code = errno == LibC.EEXIST ? TftpErrorCode.FileAlreadyExists : TftpErrorCode.NotDefined;
            var reason = errno == LibC.EEXIST ? "file already exists" : $"cannot move the file into place (errno {errno})";
            await SendErrorAsync(channel, code, reason, cancellationToken).ConfigureAwait(false);
            Fail(TftpFailure.FileProblem, reason);
            return;
        }

        await channel.SendAsync(finalAck, cancellationToken).ConfigureAwait(false);
        Complete(file.Length, negotiation);
        await DallyAsync(channel, lastBlock, finalAck, negotiation.Timeout, cancellationToken).ConfigureAwait(false);
    }

    // RFC 1350 section 6: the final ACK may be lost, and the client then repeats its last block. Stay one
    // timeout to acknowledge it again. The upload is already complete, so nothing here is a failure.
    private async Task DallyAsync(TftpTransferChannel channel, long lastBlock, ReadOnlyMemory<byte> finalAck, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            for (var round = 0; round <= _options.MaxRetries; round++)
            {
                var outcome = await AwaitDataAsync(channel, lastBlock + 1, timeout, cancellationToken).ConfigureAwait(false);
                if (outcome.Kind != DataKind.Repeated)
                {
                    return;
                }

                await channel.SendAsync(finalAck, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (SocketException)
        {
        }
    }

    // Waits for DATA of the expected block. The block before it is a repeat (answered with the last ACK
    // again); other blocks and other packets are ignored without restarting the timeout.
    // Once per block, nearly always suspended: pooled, as AwaitAckAsync is.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<DataOutcome> AwaitDataAsync(TftpTransferChannel channel, long expected, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var waitStarted = _time.GetTimestamp();
        while (true)
        {
            var length = await channel.ReceiveAsync(timeout - _time.GetElapsedTime(waitStarted), cancellationToken).ConfigureAwait(false);
            if (length < 0)
            {
                return new DataOutcome(DataKind.TimedOut, 0, TftpErrorCode.NotDefined, "");
            }

            var error = TftpPacket.TryParse(channel.Received(length), out var packet);
            if (error != TftpParseError.None)
            {
                _logger.TransferDatagramIgnored(_request.Client, FileName, $"malformed ({error})");
                continue;
            }

            if (packet.Opcode == TftpOpcode.Error)
            {
                return new DataOutcome(DataKind.ClientError, 0, packet.ErrorCode, Printable(packet.ErrorMessage));
            }

            if (packet.Opcode != TftpOpcode.Data)
            {
                _logger.TransferDatagramIgnored(_request.Client, FileName, $"unexpected {packet.Opcode}");
                continue;
            }

            if (packet.Block == unchecked((ushort)expected))
            {
                return new DataOutcome(DataKind.Received, length, TftpErrorCode.NotDefined, "");
            }

            if (packet.Block == unchecked((ushort)(expected - 1)))
            {
                return new DataOutcome(DataKind.Repeated, 0, TftpErrorCode.NotDefined, "");
            }

            _logger.TransferDatagramIgnored(_request.Client, FileName, $"stray DATA {packet.Block}");
        }
    }

    private enum DataKind
    {
        Received,
        Repeated,
        TimedOut,
        ClientError,
    }

    // Length is that of the received datagram, for DataKind.Received.
    private readonly record struct DataOutcome(DataKind Kind, int Length, TftpErrorCode ErrorCode, string Message);
}
