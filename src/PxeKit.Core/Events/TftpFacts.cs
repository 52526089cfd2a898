using PxeKit.Protocol.Tftp;

namespace PxeKit.Core.Events;

/// <summary>What a TFTP step carried, as typed values.</summary>
public sealed record TftpFacts
{
    /// <summary>Read or write request.</summary>
    public TftpOpcode? Opcode { get; init; }

    public TftpMode? Mode { get; init; }

    /// <summary>The block size in use (negotiated, or 512).</summary>
    public int? BlockSize { get; init; }

    /// <summary>The window size in use (RFC 7440; 1 is lock-step).</summary>
    public int? WindowSize { get; init; }

    /// <summary>The ERROR code sent (a refusal) or received (the client gave up).</summary>
    public TftpErrorCode? ErrorCode { get; init; }

    /// <summary>Why a transfer that began did not finish (<see cref="BootStep.TftpFailed"/>).</summary>
    public TftpFailure? Failure { get; init; }

    /// <summary>The block the failure is about: the one never acknowledged, or never received.</summary>
    public long? Block { get; init; }

    /// <summary>How many times the unanswered packet went out (the request, or the last block), for a failure seen on the wire.</summary>
    public int? Attempts { get; init; }

    /// <summary>The cap that refused the request, for a refusal over a limit (no <see cref="ErrorCode"/>: nothing was sent).</summary>
    public TftpLimit? Limit { get; init; }

    /// <summary>How many requests one refusal event stands for: refusals over a limit are counted and journaled as a summary.</summary>
    public long? Refusals { get; init; }
}
