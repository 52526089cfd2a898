using System.Buffers.Binary;

namespace PxeKit.Protocol.Dhcp;

/// <summary>
/// A validated, allocation-free view of a DHCPv4 datagram. Obtain one with <see cref="TryParse"/>;
/// every accessor then stays inside the bounds that parsing checked.
/// </summary>
public readonly ref struct DhcpMessageView
{
    private readonly ReadOnlySpan<byte> _data;

    private DhcpMessageView(ReadOnlySpan<byte> data, DhcpOptionArea overload)
    {
        _data = data;
        Overload = overload;
    }

    /// <summary>The whole datagram.</summary>
    public ReadOnlySpan<byte> Bytes => _data;

    public DhcpOpCode Op => (DhcpOpCode)_data[DhcpConstants.OpOffset];

    public byte HardwareType => _data[DhcpConstants.HardwareTypeOffset];

    public byte HardwareAddressLength => _data[DhcpConstants.HardwareLengthOffset];

    public byte Hops => _data[DhcpConstants.HopsOffset];

    public uint TransactionId => BinaryPrimitives.ReadUInt32BigEndian(_data[DhcpConstants.TransactionIdOffset..]);

    public ushort Seconds => BinaryPrimitives.ReadUInt16BigEndian(_data[DhcpConstants.SecondsOffset..]);

    public ushort Flags => BinaryPrimitives.ReadUInt16BigEndian(_data[DhcpConstants.FlagsOffset..]);

    public bool Broadcast => (Flags & DhcpConstants.BroadcastFlag) != 0;

    public uint ClientAddress => Ipv4.Read(_data[DhcpConstants.ClientAddressOffset..]);

    public uint YourAddress => Ipv4.Read(_data[DhcpConstants.YourAddressOffset..]);

    public uint ServerAddress => Ipv4.Read(_data[DhcpConstants.ServerAddressOffset..]);

    public uint GatewayAddress => Ipv4.Read(_data[DhcpConstants.GatewayAddressOffset..]);

    /// <summary>The first <c>hlen</c> bytes of <c>chaddr</c>.</summary>
    public ReadOnlySpan<byte> ClientHardwareAddress =>
        _data.Slice(DhcpConstants.ClientHardwareAddressOffset, HardwareAddressLength);

    /// <summary>Which of <c>file</c> and <c>sname</c> carry options instead of names (option 52).</summary>
    public DhcpOptionArea Overload { get; }

    /// <summary>The <c>sname</c> field up to its first NUL; empty when it is overloaded with options.</summary>
    public ReadOnlySpan<byte> ServerName => (Overload & DhcpOptionArea.ServerName) != 0
        ? default
        : UntilNul(_data.Slice(DhcpConstants.ServerNameOffset, DhcpConstants.ServerNameLength));

    /// <summary>The <c>file</c> field up to its first NUL; empty when it is overloaded with options.</summary>
    public ReadOnlySpan<byte> BootFile => (Overload & DhcpOptionArea.File) != 0
        ? default
        : UntilNul(_data.Slice(DhcpConstants.BootFileOffset, DhcpConstants.BootFileLength));

    /// <summary>Every option instance, in wire order, across overloaded fields.</summary>
    public DhcpOptionEnumerator Options => new(_data, Overload);

    /// <summary>Option 53, or <see cref="DhcpMessageType.None"/> for a BOOTP message.</summary>
    public DhcpMessageType MessageType =>
        TryGetOption(DhcpOptionCode.MessageType, out var value) && value.Length == 1 ? (DhcpMessageType)value[0] : DhcpMessageType.None;

    /// <summary>
    /// The value of an option. An option split into several instances is concatenated (RFC 3396
    /// section 4), which is the only case that allocates.
    /// </summary>
    public bool TryGetOption(DhcpOptionCode code, out ReadOnlySpan<byte> value)
    {
        int count = 0;
        int total = 0;
        ReadOnlySpan<byte> first = default;
        foreach (var option in Options)
        {
            if (option.Code == (byte)code)
            {
                if (count++ == 0)
                {
                    first = option.Data;
                }

                total += option.Data.Length;
            }
        }

        if (count <= 1)
        {
            value = first;
            return count == 1;
        }

        var joined = new byte[total];
        int at = 0;
        foreach (var option in Options)
        {
            if (option.Code == (byte)code)
            {
                option.Data.CopyTo(joined.AsSpan(at));
                at += option.Data.Length;
            }
        }

        value = joined;
        return true;
    }

    /// <summary>
    /// Parses a datagram (RFC 2131 section 2: the fixed BOOTP header, the magic cookie, then options
    /// as code, length, value; RFC 2132 section 9.3 for option 52). Never throws.
    /// </summary>
    public static DhcpParseError TryParse(ReadOnlySpan<byte> datagram, out DhcpMessageView view)
    {
        view = default;
        if (datagram.Length < DhcpConstants.OptionsOffset)
        {
            return DhcpParseError.Truncated;
        }

        byte op = datagram[DhcpConstants.OpOffset];
        if (op is not ((byte)DhcpOpCode.BootRequest or (byte)DhcpOpCode.BootReply))
        {
            return DhcpParseError.BadOpCode;
        }

        if (datagram[DhcpConstants.HardwareLengthOffset] > DhcpConstants.ClientHardwareAddressLength)
        {
            return DhcpParseError.BadHardwareLength;
        }

        if (Ipv4.Read(datagram[DhcpConstants.MagicCookieOffset..]) != DhcpConstants.MagicCookie)
        {
            return DhcpParseError.BadMagicCookie;
        }

        var error = ValidateArea(datagram[DhcpConstants.OptionsOffset..], out var overload);
        if (error != DhcpParseError.None)
        {
            return error;
        }

        if ((overload & DhcpOptionArea.File) != 0)
        {
            error = ValidateArea(datagram.Slice(DhcpConstants.BootFileOffset, DhcpConstants.BootFileLength), out _);
        }

        if (error == DhcpParseError.None && (overload & DhcpOptionArea.ServerName) != 0)
        {
            error = ValidateArea(datagram.Slice(DhcpConstants.ServerNameOffset, DhcpConstants.ServerNameLength), out _);
        }

        if (error == DhcpParseError.None)
        {
            view = new DhcpMessageView(datagram, overload);
        }

        return error;
    }

    // Checks that every option of one area fits in it. A missing End is accepted on purpose: several
    // PXE ROMs and embedded clients end the options exactly at the buffer's end without one.
    private static DhcpParseError ValidateArea(ReadOnlySpan<byte> area, out DhcpOptionArea overload)
    {
        overload = DhcpOptionArea.Options;
        int position = 0;
        while (position < area.Length)
        {
            byte code = area[position];
            if (code == (byte)DhcpOptionCode.Pad)
            {
                position++;
                continue;
            }

            if (code == (byte)DhcpOptionCode.End)
            {
                break;
            }

            if (position + 1 >= area.Length)
            {
                return DhcpParseError.BadOptionLength;
            }

            int length = area[position + 1];
            int start = position + 2;
            if (start + length > area.Length)
            {
                return DhcpParseError.BadOptionLength;
            }

            if (code == (byte)DhcpOptionCode.OptionOverload)
            {
                if (length != 1 || area[start] is < 1 or > 3)
                {
                    return DhcpParseError.BadOverload;
                }

                overload = (DhcpOptionArea)area[start];
            }

            position = start + length;
        }

        return DhcpParseError.None;
    }

    private static ReadOnlySpan<byte> UntilNul(ReadOnlySpan<byte> field)
    {
        int nul = field.IndexOf((byte)0);
        return nul < 0 ? field : field[..nul];
    }
}
