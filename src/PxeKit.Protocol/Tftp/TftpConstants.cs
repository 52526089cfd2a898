namespace PxeKit.Protocol.Tftp;

/// <summary>Sizes, limits and option names of TFTP (RFC 1350, 2347, 2348, 2349, 7440).</summary>
public static class TftpConstants
{
    /// <summary>The well-known server port (RFC 1350).</summary>
    public const int ServerPort = 69;

    /// <summary>Length of the opcode field.</summary>
    public const int OpcodeLength = 2;

    /// <summary>Length of a DATA or ACK header: opcode and block number.</summary>
    public const int DataHeaderLength = 4;

    /// <summary>Length of an ACK packet.</summary>
    public const int AckLength = 4;

    /// <summary>Length of an ERROR header before the message: opcode and error code.</summary>
    public const int ErrorHeaderLength = 4;

    /// <summary>Block size without the blksize option (RFC 1350).</summary>
    public const int DefaultBlockSize = 512;

    /// <summary>Smallest block size a client may ask for (RFC 2348).</summary>
    public const int MinBlockSize = 8;

    /// <summary>Largest block size a client may ask for (RFC 2348): 65535 less the IP and UDP headers.</summary>
    public const int MaxBlockSize = 65464;

    /// <summary>Largest possible TFTP datagram: a DATA header and the largest block.</summary>
    public const int MaxPacketLength = DataHeaderLength + MaxBlockSize;

    /// <summary>Smallest retransmission timeout, in seconds, of the timeout option (RFC 2349).</summary>
    public const int MinTimeoutSeconds = 1;

    /// <summary>Largest retransmission timeout, in seconds, of the timeout option (RFC 2349).</summary>
    public const int MaxTimeoutSeconds = 255;

    /// <summary>Window size without the windowsize option (RFC 7440): lock-step.</summary>
    public const int DefaultWindowSize = 1;

    /// <summary>Smallest window size (RFC 7440).</summary>
    public const int MinWindowSize = 1;

    /// <summary>Largest window size (RFC 7440).</summary>
    public const int MaxWindowSize = 65535;

    /// <summary>
    /// Longest filename PxeKit accepts in a request. RFC 1350 sets no limit; boot file paths are short,
    /// and a bound keeps hostile names cheap to refuse.
    /// </summary>
    public const int MaxFileNameLength = 255;

    /// <summary>Longest decimal value of a numeric option (tsize of a file up to 2^63 - 1).</summary>
    public const int MaxOptionValueDigits = 19;

    /// <summary>Block size option (RFC 2348).</summary>
    public const string BlockSizeOption = "blksize";

    /// <summary>Transfer size option (RFC 2349).</summary>
    public const string TransferSizeOption = "tsize";

    /// <summary>Timeout interval option (RFC 2349).</summary>
    public const string TimeoutOption = "timeout";

    /// <summary>Window size option (RFC 7440).</summary>
    public const string WindowSizeOption = "windowsize";

    /// <summary>Mode string of <see cref="TftpMode.Octet"/>.</summary>
    public const string OctetMode = "octet";

    /// <summary>Mode string of <see cref="TftpMode.NetAscii"/>.</summary>
    public const string NetAsciiMode = "netascii";
}
