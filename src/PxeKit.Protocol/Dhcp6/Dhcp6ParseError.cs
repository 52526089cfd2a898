namespace PxeKit.Protocol.Dhcp6;

/// <summary>Why a datagram is not a usable DHCPv6 message. Parsing reports one of these and never throws.</summary>
public enum Dhcp6ParseError
{
    None = 0,
    /// <summary>Shorter than the 4-byte header (34 bytes for a relay message).</summary>
    Truncated,
    /// <summary>The message type is 0 or not one of RFC 8415's.</summary>
    BadMessageType,
    /// <summary>An option's length runs past the end of the message or of the option that holds it.</summary>
    BadOptionLength,
    /// <summary>IA_NA shorter than its 12-byte header, or IAaddr shorter than its 24-byte header.</summary>
    BadIdentityAssociation,
    /// <summary>Client or server identifier outside 3..130 bytes (RFC 8415 section 11.1).</summary>
    BadDuid,
    /// <summary>Option 6 or 61 with an odd length: they are lists of 16-bit values.</summary>
    BadListLength,
    /// <summary>A user class, vendor class or boot parameter item whose length runs past its option.</summary>
    BadOpaqueList,
    /// <summary>An option with a fixed size (elapsed time 2, status code at least 2, NII 3) has another.</summary>
    BadFixedLength,
}
