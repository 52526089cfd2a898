namespace PxeKit.Protocol.Tftp;

/// <summary>Why a datagram is not a usable TFTP packet. <see cref="None"/> means it parsed.</summary>
public enum TftpParseError
{
    /// <summary>The packet parsed.</summary>
    None = 0,

    /// <summary>The datagram ends before a fixed field (opcode, block number, error code) is complete.</summary>
    Truncated,

    /// <summary>The opcode is not one of 1-6.</summary>
    UnknownOpcode,

    /// <summary>A string field (filename, mode, option, error message) has no terminating NUL.</summary>
    MissingTerminator,

    /// <summary>The filename of a request is empty.</summary>
    EmptyFileName,

    /// <summary>The transfer mode is neither <c>octet</c> nor <c>netascii</c> (case-insensitive).</summary>
    BadMode,

    /// <summary>The option area is malformed: an option name without a value, or an empty name.</summary>
    BadOption,

    /// <summary>A DATA payload is larger than the largest block size RFC 2348 allows.</summary>
    DataTooLong,
}
