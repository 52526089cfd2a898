using System.Buffers.Binary;
using System.Text;

namespace PxeKit.Protocol.Tftp;

/// <summary>
/// A TFTP packet viewed in place over its datagram. Which members mean something depends on
/// <see cref="Opcode"/>: requests carry a file name, mode and options; DATA and ACK a block number;
/// ERROR a code and message; OACK options. Parsing never throws and never allocates.
/// </summary>
public readonly ref struct TftpPacket
{
    private readonly ReadOnlySpan<byte> _optionArea;

    private TftpPacket(
        TftpOpcode opcode,
        ushort block = 0,
        ReadOnlySpan<byte> data = default,
        TftpErrorCode errorCode = TftpErrorCode.NotDefined,
        ReadOnlySpan<byte> errorMessage = default,
        ReadOnlySpan<byte> fileName = default,
        TftpMode mode = TftpMode.Octet,
        ReadOnlySpan<byte> optionArea = default)
    {
        Opcode = opcode;
        Block = block;
        Data = data;
        ErrorCode = errorCode;
        ErrorMessage = errorMessage;
        FileName = fileName;
        Mode = mode;
        _optionArea = optionArea;
    }

    public TftpOpcode Opcode { get; }

    /// <summary>Block number of a DATA or ACK packet (wraps from 65535 to 0 on long transfers).</summary>
    public ushort Block { get; }

    /// <summary>Payload of a DATA packet.</summary>
    public ReadOnlySpan<byte> Data { get; }

    /// <summary>Code of an ERROR packet; may be a value outside the defined range.</summary>
    public TftpErrorCode ErrorCode { get; }

    /// <summary>Message of an ERROR packet, without its NUL.</summary>
    public ReadOnlySpan<byte> ErrorMessage { get; }

    /// <summary>
    /// File name of a request exactly as sent, without its NUL. May hold control characters or bytes
    /// above 0x7F: the parser represents them and the server's jail refuses them.
    /// </summary>
    public ReadOnlySpan<byte> FileName { get; }

    /// <summary>Mode of a request.</summary>
    public TftpMode Mode { get; }

    /// <summary>Whether this is a read or write request.</summary>
    public bool IsRequest => Opcode is TftpOpcode.ReadRequest or TftpOpcode.WriteRequest;

    /// <summary>Options of a request or an OACK, in the order sent.</summary>
    public TftpOptionEnumerator Options => new(_optionArea);

    /// <summary>The options PxeKit understands, read from <see cref="Options"/>.</summary>
    public TftpRequestOptions GetRequestOptions() => TftpRequestOptions.From(Options);

    /// <summary>
    /// Parses one datagram. Returns <see cref="TftpParseError.None"/> and the packet, or the reason it is
    /// unusable (and a default packet). Never throws.
    /// </summary>
    // RFC 1350 section 5: every packet starts with a 2-byte opcode in network byte order.
    public static TftpParseError TryParse(ReadOnlySpan<byte> datagram, out TftpPacket packet)
    {
        packet = default;
        if (datagram.Length < TftpConstants.OpcodeLength)
        {
            return TftpParseError.Truncated;
        }

        var opcode = (TftpOpcode)BinaryPrimitives.ReadUInt16BigEndian(datagram);
        var body = datagram[TftpConstants.OpcodeLength..];
        return opcode switch
        {
            TftpOpcode.ReadRequest or TftpOpcode.WriteRequest => ParseRequest(opcode, body, out packet),
            TftpOpcode.Data => ParseData(body, out packet),
            TftpOpcode.Ack => ParseAck(body, out packet),
            TftpOpcode.Error => ParseError(body, out packet),
            TftpOpcode.OptionAck => ParseOptionAck(body, out packet),
            _ => TftpParseError.UnknownOpcode,
        };
    }

    // RFC 1350 section 5 and RFC 2347:
    //   | 01/02 | Filename | 0 | Mode | 0 | opt1 | 0 | value1 | 0 | ... | optN | 0 | valueN | 0 |
    private static TftpParseError ParseRequest(TftpOpcode opcode, ReadOnlySpan<byte> body, out TftpPacket packet)
    {
        packet = default;
        var nameEnd = body.IndexOf((byte)0);
        if (nameEnd < 0)
        {
            return TftpParseError.MissingTerminator;
        }

        var fileName = body[..nameEnd];
        var rest = body[(nameEnd + 1)..];
        var modeEnd = rest.IndexOf((byte)0);
        if (modeEnd < 0)
        {
            return TftpParseError.MissingTerminator;
        }

        if (fileName.IsEmpty)
        {
            return TftpParseError.EmptyFileName;
        }

        TftpMode mode;
        var modeBytes = rest[..modeEnd];
        if (Ascii.EqualsIgnoreCase(modeBytes, "octet"u8))
        {
            mode = TftpMode.Octet;
        }
        else if (Ascii.EqualsIgnoreCase(modeBytes, "netascii"u8))
        {
            mode = TftpMode.NetAscii;
        }
        else
        {
            return TftpParseError.BadMode;
        }

        var optionArea = rest[(modeEnd + 1)..];
        var optionError = ValidateOptionArea(optionArea);
        if (optionError != TftpParseError.None)
        {
            return optionError;
        }

        packet = new TftpPacket(opcode, fileName: fileName, mode: mode, optionArea: optionArea);
        return TftpParseError.None;
    }

    // RFC 1350 section 5:  | 03 | Block # | Data (0..blksize bytes) |
    private static TftpParseError ParseData(ReadOnlySpan<byte> body, out TftpPacket packet)
    {
        packet = default;
        if (body.Length < 2)
        {
            return TftpParseError.Truncated;
        }

        var data = body[2..];
        if (data.Length > TftpConstants.MaxBlockSize)
        {
            return TftpParseError.DataTooLong;
        }

        packet = new TftpPacket(TftpOpcode.Data, block: BinaryPrimitives.ReadUInt16BigEndian(body), data: data);
        return TftpParseError.None;
    }

    // RFC 1350 section 5:  | 04 | Block # |
    // Bytes after the block number are ignored on purpose: the header is all a sender needs, and
    // refusing a padded ACK would stall a transfer over a harmless quirk.
    private static TftpParseError ParseAck(ReadOnlySpan<byte> body, out TftpPacket packet)
    {
        packet = default;
        if (body.Length < 2)
        {
            return TftpParseError.Truncated;
        }

        packet = new TftpPacket(TftpOpcode.Ack, block: BinaryPrimitives.ReadUInt16BigEndian(body));
        return TftpParseError.None;
    }

    // RFC 1350 section 5:  | 05 | ErrorCode | ErrMsg | 0 |
    // A message without its NUL is accepted on purpose (the message is then the rest of the datagram):
    // an ERROR ends a transfer whatever its text says, and refusing it would keep a dead transfer alive.
    private static TftpParseError ParseError(ReadOnlySpan<byte> body, out TftpPacket packet)
    {
        packet = default;
        if (body.Length < 2)
        {
            return TftpParseError.Truncated;
        }

        var message = body[2..];
        var end = message.IndexOf((byte)0);
        if (end >= 0)
        {
            message = message[..end];
        }

        packet = new TftpPacket(
            TftpOpcode.Error,
            errorCode: (TftpErrorCode)BinaryPrimitives.ReadUInt16BigEndian(body),
            errorMessage: message);
        return TftpParseError.None;
    }

    // RFC 2347:  | 06 | opt1 | 0 | value1 | 0 | ... | optN | 0 | valueN | 0 |
    private static TftpParseError ParseOptionAck(ReadOnlySpan<byte> body, out TftpPacket packet)
    {
        packet = default;
        var optionError = ValidateOptionArea(body);
        if (optionError != TftpParseError.None)
        {
            return optionError;
        }

        packet = new TftpPacket(TftpOpcode.OptionAck, optionArea: body);
        return TftpParseError.None;
    }

    // RFC 2347: options are NUL-terminated name/value pairs. A run of NULs after the last pair is
    // accepted on purpose: some clients pad requests with zeros to a minimum size.
    private static TftpParseError ValidateOptionArea(ReadOnlySpan<byte> area)
    {
        while (!area.IsEmpty)
        {
            if (area[0] == 0)
            {
                return area.ContainsAnyExcept((byte)0) ? TftpParseError.BadOption : TftpParseError.None;
            }

            var nameEnd = area.IndexOf((byte)0);
            if (nameEnd < 0)
            {
                return TftpParseError.MissingTerminator;
            }

            var rest = area[(nameEnd + 1)..];
            if (rest.IsEmpty)
            {
                // A name with nothing after it: the value is missing, not just its NUL.
                return TftpParseError.BadOption;
            }

            var valueEnd = rest.IndexOf((byte)0);
            if (valueEnd < 0)
            {
                return TftpParseError.MissingTerminator;
            }

            area = rest[(valueEnd + 1)..];
        }

        return TftpParseError.None;
    }
}
