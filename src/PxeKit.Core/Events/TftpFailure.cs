namespace PxeKit.Core.Events;

/// <summary>Why a TFTP transfer that began did not finish.</summary>
public enum TftpFailure
{
    /// <summary>The client acknowledged nothing within the retries (<see cref="TftpFacts.Block"/> is the block it never acknowledged).</summary>
    NoAcknowledgment,

    /// <summary>A writing client sent no next DATA block within the retries.</summary>
    NoData,

    /// <summary>The client sent an ERROR (<see cref="TftpFacts.ErrorCode"/>).</summary>
    ClientError,

    /// <summary>The client's port answered ICMP port unreachable: it went away.</summary>
    ClientGone,

    /// <summary>This host refused to send (<see cref="BootEvent.SocketError"/>; AccessDenied is EPERM, its firewall's OUTPUT chain).</summary>
    SendRefused,

    /// <summary>The file changed size during the transfer, or could not be written.</summary>
    FileProblem,

    /// <summary>The client broke the protocol (a DATA block larger than the block size).</summary>
    ProtocolViolation,

    /// <summary>The server stopped during the transfer.</summary>
    ServerStopping,

    /// <summary>A bug in PxeKit; the log has it in full.</summary>
    InternalError,

    /// <summary>Seen in a capture: the transfer went quiet before its last block.</summary>
    Stalled,

    /// <summary>The transfer ran for the longest time one transfer may take (the <c>tftp: transfer-lifetime</c> setting), whatever its progress.</summary>
    LifetimeExceeded,
}
