namespace PxeKit.Core.Events;

/// <summary>Why a DHCP reply PxeKit decided on never left.</summary>
public enum DhcpReplyFailure
{
    /// <summary>The lease behind an ACK could not be stored, so the ACK was not sent (the client asks again).</summary>
    LeaseNotStored,

    /// <summary>
    /// The reply does not fit in what the client takes (its option 57, 576 bytes without it), even with the
    /// free <c>file</c> and <c>sname</c> fields carrying options: it is dropped rather than sent cut short.
    /// </summary>
    TooLarge,

    /// <summary>The kernel refused to send it (<see cref="BootEvent.SocketError"/> says how; EPERM is the firewall).</summary>
    SendRefused,
}
