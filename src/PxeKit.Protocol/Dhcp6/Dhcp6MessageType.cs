namespace PxeKit.Protocol.Dhcp6;

/// <summary>DHCPv6 message types (RFC 8415 section 7.3, the IANA "Message Types" registry).</summary>
public enum Dhcp6MessageType : byte
{
    None = 0,
    Solicit = 1,
    Advertise = 2,
    Request = 3,
    Confirm = 4,
    Renew = 5,
    Rebind = 6,
    Reply = 7,
    Release = 8,
    Decline = 9,
    Reconfigure = 10,
    InformationRequest = 11,
    /// <summary>A relay agent forwarding a client's message to a server (RFC 8415 section 9.1).</summary>
    RelayForward = 12,
    /// <summary>A server's answer to a relay agent (RFC 8415 section 9.2).</summary>
    RelayReply = 13,
}
