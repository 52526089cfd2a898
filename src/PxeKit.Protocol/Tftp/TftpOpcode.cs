namespace PxeKit.Protocol.Tftp;

/// <summary>
/// The first two bytes of every TFTP packet, network byte order.
/// RFC 1350 section 5 (opcodes 1-5) and RFC 2347 (opcode 6, OACK).
/// </summary>
public enum TftpOpcode : ushort
{
    /// <summary>Read request (RFC 1350).</summary>
    ReadRequest = 1,

    /// <summary>Write request (RFC 1350).</summary>
    WriteRequest = 2,

    /// <summary>Data block (RFC 1350).</summary>
    Data = 3,

    /// <summary>Acknowledgment (RFC 1350).</summary>
    Ack = 4,

    /// <summary>Error (RFC 1350).</summary>
    Error = 5,

    /// <summary>Option acknowledgment (RFC 2347).</summary>
    OptionAck = 6,
}
