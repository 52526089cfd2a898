using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace PxeKit.Protocol.Dhcp6;

/// <summary>
/// Writes a DHCPv6 message into a caller's buffer without allocating: the header, then options in the order
/// they are written (RFC 8415 section 8 and 21). Nested options (IA_NA and its IAaddr) are written between
/// <see cref="BeginOption"/> and <see cref="EndOption"/>. Running out of room is a programming error: callers
/// size the buffer at <see cref="Dhcp6Constants.MaximumReplyLength"/>.
/// </summary>
public ref struct Dhcp6MessageWriter
{
    private readonly Span<byte> _buffer;

    /// <summary>Starts a client/server message of <paramref name="type"/> with the 24-bit <paramref name="transactionId"/>.</summary>
    public Dhcp6MessageWriter(Span<byte> buffer, Dhcp6MessageType type, uint transactionId)
    {
        _buffer = buffer;
        Position = 0;
        Ensure(Dhcp6Constants.HeaderLength);
        _buffer[0] = (byte)type;
        _buffer[1] = (byte)(transactionId >> 16);
        _buffer[2] = (byte)(transactionId >> 8);
        _buffer[3] = (byte)transactionId;
        Position = Dhcp6Constants.HeaderLength;
    }

    /// <summary>Where the next byte goes; the message's length so far.</summary>
    public int Position { get; private set; }

    /// <summary>The message written so far.</summary>
    public readonly ReadOnlySpan<byte> Written => _buffer[..Position];

    public void Write(Dhcp6OptionCode code, scoped ReadOnlySpan<byte> value)
    {
        if (value.Length > ushort.MaxValue)
        {
            throw new ArgumentException($"option {code} is {value.Length} bytes, more than an option holds", nameof(value));
        }

        Ensure(Dhcp6Constants.OptionHeaderLength + value.Length);
        WriteHeader(code, value.Length);
        value.CopyTo(_buffer[Position..]);
        Position += value.Length;
    }

    public void WriteUInt16(Dhcp6OptionCode code, ushort value)
    {
        Span<byte> bytes = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, value);
        Write(code, bytes);
    }

    /// <summary>Starts an option whose value is written next; returns the mark <see cref="EndOption"/> takes.</summary>
    public int BeginOption(Dhcp6OptionCode code)
    {
        Ensure(Dhcp6Constants.OptionHeaderLength);
        int mark = Position;
        WriteHeader(code, 0);
        return mark;
    }

    /// <summary>Closes the option begun at <paramref name="mark"/>: its length is what was written since.</summary>
    public readonly void EndOption(int mark)
    {
        int length = Position - mark - Dhcp6Constants.OptionHeaderLength;
        if (length > ushort.MaxValue)
        {
            throw new InvalidOperationException($"a nested option of {length} bytes is more than an option holds");
        }

        BinaryPrimitives.WriteUInt16BigEndian(_buffer[(mark + 2)..], (ushort)length);
    }

    /// <summary>Raw bytes inside an option begun with <see cref="BeginOption"/>.</summary>
    public void WriteRaw(scoped ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_buffer[Position..]);
        Position += bytes.Length;
    }

    public void WriteRawUInt32(uint value)
    {
        Ensure(4);
        BinaryPrimitives.WriteUInt32BigEndian(_buffer[Position..], value);
        Position += 4;
    }

    /// <summary>Option 2, the server's DUID.</summary>
    public void WriteServerId(scoped ReadOnlySpan<byte> duid) => Write(Dhcp6OptionCode.ServerId, duid);

    /// <summary>Option 1, the client's DUID as the client sent it.</summary>
    public void WriteClientId(scoped ReadOnlySpan<byte> duid) => Write(Dhcp6OptionCode.ClientId, duid);

    /// <summary>Option 14, empty (RFC 8415 section 21.14).</summary>
    public void WriteRapidCommit() => Write(Dhcp6OptionCode.RapidCommit, default);

    /// <summary>
    /// IA_NA (RFC 8415 section 21.4) with one IAaddr (section 21.6), or with none and a status code when
    /// <paramref name="address"/> is null (NoAddrsAvail, NoBinding, ...).
    /// </summary>
    public void WriteIaNa(uint iaid, uint t1, uint t2, IPAddress? address, uint preferredLifetime, uint validLifetime, Dhcp6StatusCode? status = null, string? statusMessage = null)
    {
        int ia = BeginOption(Dhcp6OptionCode.IaNa);
        WriteRawUInt32(iaid);
        WriteRawUInt32(t1);
        WriteRawUInt32(t2);
        if (address is not null)
        {
            int iaAddress = BeginOption(Dhcp6OptionCode.IaAddress);
            Ensure(Dhcp6Constants.AddressLength);
            if (!address.TryWriteBytes(_buffer.Slice(Position, Dhcp6Constants.AddressLength), out int written) || written != Dhcp6Constants.AddressLength)
            {
                throw new ArgumentException($"{address} is not an IPv6 address", nameof(address));
            }

            Position += Dhcp6Constants.AddressLength;
            WriteRawUInt32(preferredLifetime);
            WriteRawUInt32(validLifetime);
            EndOption(iaAddress);
        }

        if (status is { } code)
        {
            WriteStatus(code, statusMessage);
        }

        EndOption(ia);
    }

    /// <summary>Option 13: a code and an optional UTF-8 message for people (RFC 8415 section 21.13).</summary>
    public void WriteStatus(Dhcp6StatusCode code, string? message = null)
    {
        int mark = BeginOption(Dhcp6OptionCode.StatusCode);
        Ensure(2);
        BinaryPrimitives.WriteUInt16BigEndian(_buffer[Position..], (ushort)code);
        Position += 2;
        WriteUtf8(message);
        EndOption(mark);
    }

    /// <summary>Option 59, the boot file URL (RFC 5970 section 3.1).</summary>
    public void WriteBootFileUrl(string url)
    {
        ArgumentException.ThrowIfNullOrEmpty(url);
        int mark = BeginOption(Dhcp6OptionCode.BootFileUrl);
        WriteUtf8(url);
        EndOption(mark);
    }

    /// <summary>Option 60: each parameter as a 16-bit length and UTF-8 text (RFC 5970 section 3.2).</summary>
    public void WriteBootFileParameters(IReadOnlyList<string> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        int mark = BeginOption(Dhcp6OptionCode.BootFileParameters);
        foreach (var parameter in parameters)
        {
            Ensure(2);
            int lengthAt = Position;
            Position += 2;
            WriteUtf8(parameter);
            BinaryPrimitives.WriteUInt16BigEndian(_buffer[lengthAt..], (ushort)(Position - lengthAt - 2));
        }

        EndOption(mark);
    }

    /// <summary>
    /// Option 16, the vendor class (RFC 8415 section 21.16): the enterprise number, then each item as a 16-bit length and
    /// its UTF-8 text.
    /// </summary>
    public void WriteVendorClass(uint enterpriseNumber, string item)
    {
        ArgumentException.ThrowIfNullOrEmpty(item);
        int mark = BeginOption(Dhcp6OptionCode.VendorClass);
        WriteRawUInt32(enterpriseNumber);
        Ensure(2);
        int lengthAt = Position;
        Position += 2;
        WriteUtf8(item);
        BinaryPrimitives.WriteUInt16BigEndian(_buffer[lengthAt..], (ushort)(Position - lengthAt - 2));
        EndOption(mark);
    }

    /// <summary>Option 23, recursive DNS servers (RFC 3646 section 3).</summary>
    public void WriteDnsServers(IReadOnlyList<IPAddress> servers)
    {
        ArgumentNullException.ThrowIfNull(servers);
        int mark = BeginOption(Dhcp6OptionCode.DnsServers);
        foreach (var server in servers)
        {
            Ensure(Dhcp6Constants.AddressLength);
            if (!server.TryWriteBytes(_buffer.Slice(Position, Dhcp6Constants.AddressLength), out int written) || written != Dhcp6Constants.AddressLength)
            {
                throw new ArgumentException($"{server} is not an IPv6 address", nameof(servers));
            }

            Position += Dhcp6Constants.AddressLength;
        }

        EndOption(mark);
    }

    private void WriteUtf8(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        int length = Encoding.UTF8.GetByteCount(text);
        Ensure(length);
        Position += Encoding.UTF8.GetBytes(text, _buffer[Position..]);
    }

    private void WriteHeader(Dhcp6OptionCode code, int length)
    {
        BinaryPrimitives.WriteUInt16BigEndian(_buffer[Position..], (ushort)code);
        BinaryPrimitives.WriteUInt16BigEndian(_buffer[(Position + 2)..], (ushort)length);
        Position += Dhcp6Constants.OptionHeaderLength;
    }

    private readonly void Ensure(int bytes)
    {
        if (Position + bytes > _buffer.Length)
        {
            throw new InvalidOperationException($"The DHCPv6 message buffer of {_buffer.Length} bytes is too small.");
        }
    }
}
