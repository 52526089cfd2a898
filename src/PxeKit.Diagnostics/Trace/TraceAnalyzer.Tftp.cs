using System.Globalization;
using System.Net;
using System.Text;
using PxeKit.Core.Capture;
using PxeKit.Core.Events;
using PxeKit.Core.Files;
using PxeKit.Protocol.Tftp;

namespace PxeKit.Diagnostics.Trace;

/// <summary>
/// TFTP: a read request to port 69 opens a transfer keyed by the client's address and port; the server's
/// OACK, DATA and ERROR come from another port of its own, and the client's ACKs go back to that port.
/// </summary>
public sealed partial class TraceAnalyzer
{
    private readonly Dictionary<(IPAddress Address, int Port), TftpTransfer> _active = [];
    private readonly Dictionary<TftpTransfer, ushort> _blockNumbers = [];

    private void OnTftp(in WireSegment segment)
    {
        if (TftpPacket.TryParse(segment.Payload.Span, out var packet) != TftpParseError.None)
        {
            return;
        }

        if (segment.DestinationPort == TftpConstants.ServerPort)
        {
            if (packet.Opcode == TftpOpcode.ReadRequest)
            {
                BootFrames++;
                OnReadRequest(segment, Encoding.Latin1.GetString(packet.FileName), packet.GetRequestOptions());
            }

            return;
        }

        if (_active.TryGetValue((segment.Destination, segment.DestinationPort), out var toClient)
            && (toClient.ServerPort == 0 || toClient.ServerPort == segment.SourcePort))
        {
            BootFrames++;
            toClient.ServerPort = segment.SourcePort;
            toClient.LastActivity = segment.Time;
            FromServer(toClient, packet, segment);
        }
        else if (_active.TryGetValue((segment.Source, segment.SourcePort), out var fromClient) && fromClient.ServerPort == segment.DestinationPort)
        {
            BootFrames++;
            fromClient.LastActivity = segment.Time;
            FromClient(fromClient, packet, segment);
        }
    }

    private void OnReadRequest(in WireSegment segment, string file, TftpRequestOptions options)
    {
        var key = (segment.Source, segment.SourcePort);
        if (_active.TryGetValue(key, out var existing) && existing.File == file && existing.ServerPort == 0)
        {
            // The same request again from the same port: the client retransmits because nothing came back.
            existing.Requests++;
            existing.LastActivity = segment.Time;
            return;
        }

        if (existing is not null)
        {
            Stall(existing, ended: false);
        }

        var transfer = new TftpTransfer(segment.Source, segment.SourcePort, segment.Destination, file, segment.Time);
        _active[key] = transfer;
        _blockNumbers[transfer] = 0;
        var client = ClientByAddress(segment.Source);
        client.Add(transfer);
        var asked = options.BlockSize is { } size ? string.Create(CultureInfo.InvariantCulture, $" (blksize {size})") : "";
        Record(client, new BootEvent
        {
            Time = segment.Time,
            Step = BootStep.TftpRequest,
            Source = EvidenceSource.Capture,
            Mac = client.Mac,
            Address = segment.Source.ToString(),
            File = file,
            Tftp = new TftpFacts { Opcode = TftpOpcode.ReadRequest, BlockSize = options.BlockSize is { } blksize ? (int)blksize : null },
            Detail = $"read request for {file} to {segment.Destination}{asked}",
        });
    }

    private void FromServer(TftpTransfer transfer, TftpPacket packet, in WireSegment segment)
    {
        switch (packet.Opcode)
        {
            case TftpOpcode.OptionAck:
                transfer.OptionAcknowledged = true;
                if (packet.GetRequestOptions().BlockSize is { } size and >= TftpConstants.MinBlockSize and <= TftpConstants.MaxBlockSize)
                {
                    transfer.BlockSize = (int)size;
                }

                break;
            case TftpOpcode.Data:
                if (packet.Block == 1 && transfer.LastBlock == 0)
                {
                    transfer.Format = ProgramFormats.Of(packet.Data);
                }

                OnData(transfer, packet.Block, segment.PayloadLength - TftpConstants.DataHeaderLength);
                break;
            case TftpOpcode.Error:
                transfer.ErrorCode = (int)packet.ErrorCode;
                transfer.Error = Encoding.Latin1.GetString(packet.ErrorMessage);
                // Some servers say "file not found" with ERROR 0: their own words are the evidence of what the code means.
                var code = packet.ErrorCode == TftpErrorCode.NotDefined && transfer.Error.Contains("not found", StringComparison.OrdinalIgnoreCase)
                    ? TftpErrorCode.FileNotFound
                    : packet.ErrorCode;
                End(transfer, TftpOutcome.Refused, segment.Time, BootStep.TftpRefused, new TftpFacts { Opcode = TftpOpcode.ReadRequest, ErrorCode = code },
                    string.Create(CultureInfo.InvariantCulture, $"{transfer.File}: ERROR {transfer.ErrorCode} \"{transfer.Error}\" from {segment.Source}"));
                break;
        }
    }

    private void OnData(TftpTransfer transfer, ushort block, int length)
    {
        transfer.DataPackets++;
        var last = _blockNumbers[transfer];
        if (block == (ushort)(last + 1))
        {
            // Block numbers wrap at 65535 on long transfers: count blocks, not numbers.
            _blockNumbers[transfer] = block;
            transfer.LastBlock++;
            transfer.LastBlockSends = 1;
            transfer.Bytes += Math.Max(0, length);
            transfer.LastBlockSent = length < transfer.BlockSize;
        }
        else if (block == last)
        {
            transfer.LastBlockSends++;
        }
    }

    private void FromClient(TftpTransfer transfer, TftpPacket packet, in WireSegment segment)
    {
        if (packet.Opcode == TftpOpcode.Ack)
        {
            transfer.Acks++;
            if (packet.Block != 0 || transfer.LastBlock > 0)
            {
                transfer.DataAcks++;
            }

            if (transfer.LastBlockSent && packet.Block == _blockNumbers[transfer])
            {
                End(transfer, TftpOutcome.Complete, segment.Time, BootStep.TftpComplete, new TftpFacts { Opcode = TftpOpcode.ReadRequest, BlockSize = transfer.BlockSize }, $"{transfer.File} sent whole");
            }
        }
        else if (packet.Opcode == TftpOpcode.Error)
        {
            transfer.ErrorCode = (int)packet.ErrorCode;
            transfer.Error = Encoding.Latin1.GetString(packet.ErrorMessage);
            var why = transfer.DataPackets == 0 && transfer.OptionAcknowledged
                ? "the client stopped after the OACK, having learnt the size"
                : $"the client ended the transfer after {transfer.LastBlock} blocks";
            End(transfer, TftpOutcome.ClientAborted, segment.Time, BootStep.TftpFailed,
                new TftpFacts { Opcode = TftpOpcode.ReadRequest, Failure = TftpFailure.ClientError, ErrorCode = packet.ErrorCode, Block = transfer.LastBlock },
                string.Create(CultureInfo.InvariantCulture, $"{transfer.File}: {why} (ERROR {transfer.ErrorCode} \"{transfer.Error}\")"));
        }
    }

    private void Stall(TftpTransfer transfer, bool ended)
    {
        string detail;
        if (transfer.ServerPort == 0)
        {
            detail = string.Create(CultureInfo.InvariantCulture, $"{transfer.File}: no answer to {Times(transfer.Requests, "read request")} sent to {transfer.Server}:69");
        }
        else if (transfer.LastBlock > 0 && transfer.DataAcks == 0)
        {
            detail = string.Create(CultureInfo.InvariantCulture, $"{transfer.File}: DATA block 1 sent {Times(transfer.LastBlockSends, "time")}, never acknowledged by the client");
        }
        else if (transfer.LastBlock == 0)
        {
            detail = $"{transfer.File}: the server answered (OACK) and the client never acknowledged it";
        }
        else
        {
            detail = string.Create(CultureInfo.InvariantCulture,
                $"{transfer.File}: stopped after {transfer.LastBlock} blocks ({transfer.Bytes} bytes), the last one sent {Times(transfer.LastBlockSends, "time")}");
        }

        if (ended && _lastTime - transfer.LastActivity <= _options.StallAfter && !Retrying(transfer))
        {
            // Still moving when the capture stopped: cut off, not stalled.
            End(transfer, TftpOutcome.Open, _lastTime, BootStep.TftpFailed, new TftpFacts { Opcode = TftpOpcode.ReadRequest }, $"{transfer.File}: still going when the capture ended");
            return;
        }

        // Which block waits for its acknowledgment: 0 is the OACK, or the request itself when the server never answered.
        var failure = transfer.ServerPort == 0 ? TftpFailure.Stalled : TftpFailure.NoAcknowledgment;
        End(transfer, TftpOutcome.Stalled, transfer.LastActivity, BootStep.TftpFailed,
            new TftpFacts
            {
                Opcode = TftpOpcode.ReadRequest,
                Failure = failure,
                Block = transfer.ServerPort == 0 ? null : transfer.LastBlock,
                Attempts = transfer.ServerPort == 0 ? transfer.Requests : transfer.LastBlockSends,
            },
            detail);
    }

    /// <summary>
    /// The same packet sent three times or more without progress: whatever the capture's end, the transfer is
    /// stuck (one retransmission can be ordinary loss).
    /// </summary>
    private static bool Retrying(TftpTransfer transfer) =>
        transfer.ServerPort == 0 ? transfer.Requests >= 3 : transfer.LastBlockSends >= 3;

    private void End(TftpTransfer transfer, TftpOutcome outcome, DateTimeOffset time, BootStep step, TftpFacts facts, string detail)
    {
        transfer.Outcome = outcome;
        _active.Remove((transfer.Client, transfer.ClientPort));
        _blockNumbers.Remove(transfer);
        var client = ClientByAddress(transfer.Client);
        Record(client, new BootEvent
        {
            Time = time,
            Step = step,
            Source = EvidenceSource.Capture,
            Mac = client.Mac,
            Address = transfer.Client.ToString(),
            Server = transfer.Server.ToString(),
            File = transfer.File,
            Tftp = facts,
            Format = outcome == TftpOutcome.Complete ? transfer.Format : null,
            Bytes = outcome == TftpOutcome.Complete ? transfer.Bytes : null,
            Elapsed = outcome == TftpOutcome.Complete ? time - transfer.Started : null,
            Detail = detail,
        });
    }

    private static string Times(int count, string what) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {what}{(count == 1 ? "" : "s")}");
}
