namespace PxeKit.Cli.Import;

/// <summary>The <c>type:</c> of an entry of <c>options:</c>: how its value is encoded on the wire.</summary>
public enum OptionValueType
{
    /// <summary>One IPv4 address.</summary>
    Address,

    /// <summary>IPv4 addresses, in order.</summary>
    Addresses,

    UInt8,
    UInt16,
    UInt32,

    /// <summary>Text, sent as its bytes.</summary>
    String,

    /// <summary>Bytes written as hex pairs separated by colons: <c>01:02:0a</c>.</summary>
    Hex,

    /// <summary>One byte, 0 or 1 (RFC 2132's flags).</summary>
    Bool,

    /// <summary>Domain names, encoded as RFC 1035 names (RFC 3397, option 119).</summary>
    Domains,
}
