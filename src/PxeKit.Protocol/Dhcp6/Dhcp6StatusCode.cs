namespace PxeKit.Protocol.Dhcp6;

/// <summary>The status codes of option 13 (RFC 8415 section 21.13, the IANA "Status Codes" registry).</summary>
public enum Dhcp6StatusCode : ushort
{
    Success = 0,
    UnspecFail = 1,
    /// <summary>The server has no addresses for this IA.</summary>
    NoAddrsAvail = 2,
    /// <summary>The client's binding is unknown to the server.</summary>
    NoBinding = 3,
    /// <summary>The addresses are not appropriate for the client's link.</summary>
    NotOnLink = 4,
    /// <summary>The client must use multicast to reach the server.</summary>
    UseMulticast = 5,
    NoPrefixAvail = 6,
}
