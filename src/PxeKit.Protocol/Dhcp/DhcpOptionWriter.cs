namespace PxeKit.Protocol.Dhcp;

/// <summary>
/// Appends options to a message buffer. A value longer than 255 bytes is split into consecutive
/// instances of the same code (RFC 3396 section 5). Running out of room is a programming error:
/// callers size the buffer at <see cref="DhcpConstants.MaximumMessageLength"/>.
/// </summary>
public ref struct DhcpOptionWriter
{
    private readonly Span<byte> _buffer;

    public DhcpOptionWriter(Span<byte> buffer, int position)
    {
        _buffer = buffer;
        Position = position;
    }

    /// <summary>Where the next byte goes; after <see cref="WriteEnd"/> the message length.</summary>
    public int Position { get; private set; }

    public void Write(DhcpOptionCode code, scoped ReadOnlySpan<byte> value)
    {
        do
        {
            int chunk = Math.Min(value.Length, byte.MaxValue);
            Ensure(2 + chunk);
            _buffer[Position] = (byte)code;
            _buffer[Position + 1] = (byte)chunk;
            value[..chunk].CopyTo(_buffer[(Position + 2)..]);
            Position += 2 + chunk;
            value = value[chunk..];
        }
        while (!value.IsEmpty);
    }

    public void Write(DhcpOptionCode code, byte value) => Write(code, [value]);

    public void WriteUInt32(DhcpOptionCode code, uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        Ipv4.Write(bytes, value);
        Write(code, bytes);
    }

    /// <summary>Writes End and pads with zeros up to <paramref name="minimumLength"/>.</summary>
    public void WriteEnd(int minimumLength = DhcpConstants.MinimumReplyLength)
    {
        Ensure(1);
        _buffer[Position++] = (byte)DhcpOptionCode.End;
        if (Position < minimumLength)
        {
            Ensure(minimumLength - Position);
            _buffer[Position..minimumLength].Clear();
            Position = minimumLength;
        }
    }

    private readonly void Ensure(int bytes)
    {
        if (Position + bytes > _buffer.Length)
        {
            throw new InvalidOperationException($"The DHCP message buffer of {_buffer.Length} bytes is too small.");
        }
    }
}
