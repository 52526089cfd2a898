namespace PxeKit.Protocol.Dhcp;

/// <summary>Why a datagram is not a usable DHCP message. Parsing reports one of these and never throws.</summary>
public enum DhcpParseError
{
    None = 0,
    /// <summary>Shorter than the fixed header and magic cookie.</summary>
    Truncated,
    /// <summary><c>op</c> is neither BOOTREQUEST nor BOOTREPLY.</summary>
    BadOpCode,
    /// <summary><c>hlen</c> is larger than the 16-byte <c>chaddr</c> field.</summary>
    BadHardwareLength,
    /// <summary>The four bytes at offset 236 are not 99.130.83.99 (a BOOTP or foreign datagram).</summary>
    BadMagicCookie,
    /// <summary>An option's length runs past the end of its area.</summary>
    BadOptionLength,
    /// <summary>Option 52 has a length other than 1 or a value other than 1, 2 or 3.</summary>
    BadOverload,
}
