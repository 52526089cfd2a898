using System.Buffers;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using PxeKit.Core.Events;
using PxeKit.Protocol.Tftp;
using PxeKit.Server.Files;

namespace PxeKit.Server.Tftp;

/// <summary>
/// One request and its transfer, on its own socket. Every outcome ends up in the log and the journal:
/// refused, complete, or failed with a reason.
/// </summary>
internal sealed partial class TftpSession
{
    private const int ErrorPacketLength = 512;

    /// <summary>
    /// What a read transfer receives: ACKs (4 bytes) and ERRORs. An ERROR whose message is longer is cut
    /// short, fails to parse and is ignored like any malformed datagram; a block-sized buffer is only
    /// for uploads, which receive DATA.
    /// </summary>
    private const int ReadReceiveLength = 1024;

    private readonly TftpRequest _request;
    private readonly TftpServerOptions _options;
    private readonly PathJail _jail;
    private readonly ILogger _logger;
    private readonly IBootJournal _journal;

    /// <summary>What the file sent is, told by its first block (read transfers only).</summary>
    private ProgramFormat? _format;

    /// <summary>Whether the file sent carries an Authenticode signature, read from the file on disk (read transfers of a file only).</summary>
    private ProgramSignature? _signature;
    private readonly TimeProvider _time;
    private readonly TftpReactor _reactor;
    private readonly long _startedAt;
    private readonly Action _socketOpened;

    public TftpSession(TftpRequest request, TftpServerOptions options, PathJail jail, ILogger logger, IBootJournal journal, TimeProvider time, TftpReactor reactor, Action socketOpened)
    {
        _request = request;
        _options = options;
        _jail = jail;
        _logger = logger;
        _journal = journal;
        _time = time;
        _reactor = reactor;
        _socketOpened = socketOpened;
        _startedAt = time.GetTimestamp();
    }

    /// <summary>Set by the listener right after the session is started.</summary>
    public Task Completion { get; set; } = Task.CompletedTask;

    private string FileName => _request.FileName;

    private string Address => _request.Client.Address.ToString();

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var scope = _logger.BeginScope("tftp {Client} {File}", _request.Client, _request.FileName);
        _logger.RequestReceived(_request.Opcode, FileName, _request.Client, _request.Mode);
        Record(BootStep.TftpRequest, $"{(_request.Opcode == TftpOpcode.ReadRequest ? "read" : "write")} {_request.Mode}", Facts());
        try
        {
            using var channel = OpenChannel();
            if (_request.Opcode == TftpOpcode.WriteRequest)
            {
                await WriteRequestAsync(channel, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await ReadRequestAsync(channel, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Fail(TftpFailure.ServerStopping, "server stopping");
        }
        catch (SocketException ex)
        {
            if (ex.SocketErrorCode == SocketError.ConnectionRefused)
            {
                Fail(TftpFailure.ClientGone, "client port unreachable");
            }
            else
            {
                Fail(TftpFailure.SendRefused, $"socket error {ex.SocketErrorCode}", error: ex.SocketErrorCode);
            }
        }
#pragma warning disable CA1031 // One transfer's bug must not take down the server; it is logged in full.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _logger.TransferCrashed(FileName, _request.Client, ex);
            Fail(TftpFailure.InternalError, $"internal error: {ex.GetType().Name}");
        }
    }

    private TftpTransferChannel OpenChannel()
    {
        var receiveLength = _request.Opcode == TftpOpcode.WriteRequest ? TftpConstants.MaxPacketLength : ReadReceiveLength;
        _socketOpened();
        try
        {
            return TftpTransferChannel.Open(_request.LocalAddress, _request.Client, _options.Interface, _reactor, _time, receiveLength);
        }
        catch (SocketException) when (!_request.LocalAddress.Equals(_options.ListenAddress))
        {
            return TftpTransferChannel.Open(_options.ListenAddress, _request.Client, _options.Interface, _reactor, _time, receiveLength);
        }
    }

    private async Task RefuseAsync(TftpTransferChannel channel, TftpErrorCode code, string reason, CancellationToken cancellationToken, FileRefusal? refusal = null)
    {
        _logger.Refused(FileName, _request.Client, code, reason);
        _journal.Record(Event(BootStep.TftpRefused, reason, Facts() with { ErrorCode = code }) with { Refusal = refusal });
        await SendErrorAsync(channel, code, reason, cancellationToken).ConfigureAwait(false);
    }

    private static async Task SendErrorAsync(TftpTransferChannel channel, TftpErrorCode code, string message, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ErrorPacketLength);
        try
        {
            var text = message.Length > ErrorPacketLength - 5 ? message[..(ErrorPacketLength - 5)] : message;
            var length = TftpPacketWriter.WriteError(buffer, code, text);
            await channel.SendAsync(buffer.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Fail(TftpFailure failure, string reason, long? block = null, TftpErrorCode? clientCode = null, SocketError? error = null)
    {
        _logger.TransferFailed(FileName, _request.Client, reason);
        _journal.Record(Event(BootStep.TftpFailed, reason, Facts() with { Failure = failure, Block = block, ErrorCode = clientCode }) with { SocketError = error });
    }

    private void Complete(long bytes, TftpNegotiation negotiation)
    {
        var negotiated = negotiation.ToString();
        var elapsed = _time.GetElapsedTime(_startedAt);
        if (_request.Opcode == TftpOpcode.WriteRequest)
        {
            _logger.WriteComplete(FileName, _request.Client, bytes, (long)elapsed.TotalMilliseconds);
        }
        else
        {
            _logger.TransferComplete(FileName, _request.Client, bytes, (long)elapsed.TotalMilliseconds, negotiated);
        }

        _journal.Record(Event(BootStep.TftpComplete, negotiated, Facts() with { BlockSize = negotiation.BlockSize, WindowSize = negotiation.WindowSize }) with
        {
            Bytes = bytes,
            Elapsed = elapsed,
            Format = _format,
            Signature = _signature,
        });
    }

    private TftpFacts Facts() => new() { Opcode = _request.Opcode, Mode = _request.Mode };

    private void Record(BootStep step, string detail, TftpFacts facts) => _journal.Record(Event(step, detail, facts));

    private BootEvent Event(BootStep step, string detail, TftpFacts facts) =>
        new() { Time = _time.GetUtcNow(), Step = step, Address = Address, Server = _request.LocalAddress.ToString(), File = FileName, Tftp = facts, Detail = detail };

    private TimeSpan Backoff(TimeSpan timeout)
    {
        var doubled = timeout * 2;
        var ceiling = _options.Limits.MaxTimeout;
        return doubled > ceiling ? ceiling : doubled;
    }

    /// <summary>What is left of the transfer's lifetime (<see cref="TftpLimits.TransferLifetime"/>); zero or less once it is over.</summary>
    private TimeSpan LifetimeLeft => _options.Limits.TransferLifetime - _time.GetElapsedTime(_startedAt);

    /// <summary>The wait for the next packet, cut short so it never outlasts the transfer's lifetime.</summary>
    private TimeSpan WithinLifetime(TimeSpan timeout) => LifetimeLeft is var left && left < timeout ? left : timeout;

    private void FailLifetime(long block) =>
        Fail(TftpFailure.LifetimeExceeded, $"transfer still running after its lifetime of {_options.Limits.TransferLifetime.TotalSeconds:0} s", block);
}
