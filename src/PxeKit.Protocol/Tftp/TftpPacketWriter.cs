using System.Buffers.Binary;
using System.Text;

namespace PxeKit.Protocol.Tftp;

/// <summary>
/// Writes TFTP packets into a caller-supplied buffer and returns the number of bytes written.
/// A buffer that is too small is a programmer error and throws <see cref="ArgumentException"/>.
/// </summary>
public static class TftpPacketWriter
{
    /// <summary>Writes the 4-byte header of a DATA packet; the caller puts the block right after it.</summary>
    // RFC 1350 section 5:  | 03 | Block # | Data |
    public static int WriteDataHeader(Span<byte> destination, ushort block)
    {
        EnsureLength(destination, TftpConstants.DataHeaderLength);
        BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)TftpOpcode.Data);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], block);
        return TftpConstants.DataHeaderLength;
    }

    // RFC 1350 section 5:  | 04 | Block # |
    public static int WriteAck(Span<byte> destination, ushort block)
    {
        EnsureLength(destination, TftpConstants.AckLength);
        BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)TftpOpcode.Ack);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], block);
        return TftpConstants.AckLength;
    }

    /// <summary>
    /// Writes an ERROR packet. Characters of the message outside printable ASCII are written as '?',
    /// so a message can never carry a NUL or leak raw bytes of a hostile file name back.
    /// </summary>
    // RFC 1350 section 5:  | 05 | ErrorCode | ErrMsg | 0 |
    public static int WriteError(Span<byte> destination, TftpErrorCode code, ReadOnlySpan<char> message)
    {
        EnsureLength(destination, TftpConstants.ErrorHeaderLength + message.Length + 1);
        BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)TftpOpcode.Error);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)code);
        var offset = TftpConstants.ErrorHeaderLength;
        foreach (var c in message)
        {
            destination[offset++] = c is >= ' ' and <= '~' ? (byte)c : (byte)'?';
        }

        destination[offset++] = 0;
        return offset;
    }

    /// <summary>Writes an OACK with the given name/value pairs, in order.</summary>
    // RFC 2347:  | 06 | opt1 | 0 | value1 | 0 | ... | optN | 0 | valueN | 0 |
    public static int WriteOptionAck(Span<byte> destination, ReadOnlySpan<KeyValuePair<string, string>> options)
    {
        EnsureLength(destination, TftpConstants.OpcodeLength);
        BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)TftpOpcode.OptionAck);
        return TftpConstants.OpcodeLength + WriteOptions(destination[TftpConstants.OpcodeLength..], options);
    }

    /// <summary>Writes a read or write request with an ASCII file name.</summary>
    public static int WriteRequest(
        Span<byte> destination,
        TftpOpcode opcode,
        string fileName,
        TftpMode mode,
        ReadOnlySpan<KeyValuePair<string, string>> options = default)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        if (!Ascii.IsValid(fileName))
        {
            throw new ArgumentException("The file name must be ASCII; use the byte overload for raw names.", nameof(fileName));
        }

        // ASCII is one byte per char; a name of usual length is encoded on the stack, so nothing is allocated.
        var bytes = fileName.Length <= TftpConstants.MaxFileNameLength ? stackalloc byte[fileName.Length] : new byte[fileName.Length];
        Encoding.ASCII.GetBytes(fileName, bytes);
        return WriteRequest(destination, opcode, bytes, mode, options);
    }

    /// <summary>
    /// Writes a read or write request with the file name as raw bytes (tests use it to send hostile names).
    /// </summary>
    // RFC 1350 section 5 and RFC 2347:
    //   | 01/02 | Filename | 0 | Mode | 0 | opt1 | 0 | value1 | 0 | ... |
    public static int WriteRequest(
        Span<byte> destination,
        TftpOpcode opcode,
        ReadOnlySpan<byte> fileName,
        TftpMode mode,
        ReadOnlySpan<KeyValuePair<string, string>> options = default)
    {
        if (opcode is not (TftpOpcode.ReadRequest or TftpOpcode.WriteRequest))
        {
            throw new ArgumentOutOfRangeException(nameof(opcode), opcode, "A request is RRQ or WRQ.");
        }

        var modeText = mode == TftpMode.NetAscii ? "netascii"u8 : "octet"u8;
        EnsureLength(destination, TftpConstants.OpcodeLength + fileName.Length + 1 + modeText.Length + 1);
        BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)opcode);
        var offset = TftpConstants.OpcodeLength;
        fileName.CopyTo(destination[offset..]);
        offset += fileName.Length;
        destination[offset++] = 0;
        modeText.CopyTo(destination[offset..]);
        offset += modeText.Length;
        destination[offset++] = 0;
        return offset + WriteOptions(destination[offset..], options);
    }

    private static int WriteOptions(Span<byte> destination, ReadOnlySpan<KeyValuePair<string, string>> options)
    {
        var offset = 0;
        foreach (var (name, value) in options)
        {
            offset += WriteString(destination[offset..], name);
            offset += WriteString(destination[offset..], value);
        }

        return offset;
    }

    private static int WriteString(Span<byte> destination, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!Ascii.IsValid(text) || text.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("Option names and values are ASCII without NUL.", nameof(text));
        }

        EnsureLength(destination, text.Length + 1);
        var written = Encoding.ASCII.GetBytes(text, destination);
        destination[written] = 0;
        return written + 1;
    }

    private static void EnsureLength(Span<byte> destination, int needed)
    {
        if (destination.Length < needed)
        {
            throw new ArgumentException($"The buffer holds {destination.Length} bytes; {needed} are needed.", nameof(destination));
        }
    }
}
