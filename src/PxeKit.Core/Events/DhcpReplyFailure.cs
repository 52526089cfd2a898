namespace PxeKit.Core.Events;

/// <summary>Why a DHCP reply PxeKit decided on never left.</summary>
public enum DhcpReplyFailure
{
    /// <summary>The lease behind an ACK could not be stored, so the ACK was not sent (the client asks again).</summary>
    LeaseNotStored,

    /// <summary>The reply outgrew the largest DHCP message (by echoing what the request carried).</summary>
    TooLarge,

    /// <summary>The kernel refused to send it (<see cref="BootEvent.SocketError"/> says how; EPERM is the firewall).</summary>
    SendRefused,
}
