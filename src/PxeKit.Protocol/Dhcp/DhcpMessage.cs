using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace PxeKit.Protocol.Dhcp;

/// <summary>
/// A decoded DHCP message that can be inspected, changed and encoded again. The server builds its
/// replies as these; <see cref="DhcpMessageView"/> is the allocation-free way to read.
/// Options are logical: split instances are joined, overloaded fields are read as options, and
/// option 52 itself is not kept (the encoder writes it when the options need the free fields).
/// </summary>
public sealed partial class DhcpMessage
{
    /// <summary>Room for the options of a usual request or reply (10 to 14), so that the list does not grow while it is built.</summary>
    private const int UsualOptionCount = 16;

    private readonly List<DhcpOptionValue> _options;

    /// <summary>An empty message, with room for the options of a usual request or reply.</summary>
    public DhcpMessage()
        : this(UsualOptionCount)
    {
    }

    private DhcpMessage(int optionCount) => _options = new(optionCount);

    public DhcpOpCode Op { get; set; } = DhcpOpCode.BootRequest;

    public byte HardwareType { get; set; } = DhcpConstants.EthernetHardwareType;

    public byte Hops { get; set; }

    public uint TransactionId { get; set; }

    public ushort Seconds { get; set; }

    public ushort Flags { get; set; }

    public bool Broadcast => (Flags & DhcpConstants.BroadcastFlag) != 0;

    public IPAddress ClientAddress { get; set; } = IPAddress.Any;

    public IPAddress YourAddress { get; set; } = IPAddress.Any;

    public IPAddress ServerAddress { get; set; } = IPAddress.Any;

    public IPAddress GatewayAddress { get; set; } = IPAddress.Any;

    /// <summary>
    /// The client hardware address, <c>hlen</c> bytes long (at most 16). Give a new array to change it: the text of
    /// <see cref="ClientMac"/> is kept until this property is set.
    /// </summary>
    public byte[] ClientHardwareAddress
    {
        get => _clientHardwareAddress;
        set
        {
            _clientHardwareAddress = value;
            _clientMac = null;
        }
    }

    private byte[] _clientHardwareAddress = new byte[DhcpConstants.EthernetAddressLength];

    /// <summary>The <c>sname</c> field as text (ASCII, at most 63 bytes on the wire).</summary>
    public string ServerName { get; set; } = "";

    /// <summary>The <c>file</c> field as text (ASCII, at most 127 bytes on the wire).</summary>
    public string BootFile { get; set; } = "";

    /// <summary>The options in the order they were read or added.</summary>
    public IReadOnlyList<DhcpOptionValue> Options => _options;

    /// <summary>Decodes a datagram; on failure <paramref name="message"/> is null and the reason is returned.</summary>
    public static DhcpParseError TryParse(ReadOnlySpan<byte> datagram, out DhcpMessage? message)
    {
        var error = DhcpMessageView.TryParse(datagram, out var view);
        message = error == DhcpParseError.None ? FromView(view) : null;
        return error;
    }

    public static DhcpMessage FromView(DhcpMessageView view)
    {
        // Room for the options read and no more: a decoded request is seldom added to (the list grows if it is).
        int count = 0;
        foreach (var option in view.Options)
        {
            count += option.Code == (byte)DhcpOptionCode.OptionOverload ? 0 : 1;
        }

        var message = new DhcpMessage(count)
        {
            Op = view.Op,
            HardwareType = view.HardwareType,
            Hops = view.Hops,
            TransactionId = view.TransactionId,
            Seconds = view.Seconds,
            Flags = view.Flags,
            ClientAddress = Ipv4.ToAddress(view.ClientAddress),
            YourAddress = Ipv4.ToAddress(view.YourAddress),
            ServerAddress = Ipv4.ToAddress(view.ServerAddress),
            GatewayAddress = Ipv4.ToAddress(view.GatewayAddress),
            ClientHardwareAddress = view.ClientHardwareAddress.ToArray(),
            ServerName = Encoding.Latin1.GetString(view.ServerName),
            BootFile = Encoding.Latin1.GetString(view.BootFile),
        };

        foreach (var option in view.Options)
        {
            if (option.Code != (byte)DhcpOptionCode.OptionOverload)
            {
                message.Append((DhcpOptionCode)option.Code, option.Data);
            }
        }

        return message;
    }

    /// <summary>The value of an option, or null.</summary>
    public byte[]? GetOption(DhcpOptionCode code)
    {
        int index = IndexOf(code);
        return index >= 0 ? _options[index].Data : null;
    }

    /// <summary>Sets an option, replacing any value it had, keeping its place.</summary>
    public void SetOption(DhcpOptionCode code, ReadOnlySpan<byte> value) => SetOwned(code, value.ToArray());

    /// <summary>As <see cref="SetOption"/>, with an array the message may keep: one made for it, shared with no one.</summary>
    private void SetOwned(DhcpOptionCode code, byte[] value)
    {
        Forget(code);
        int index = IndexOf(code);
        if (index >= 0)
        {
            _options[index] = new DhcpOptionValue(code, value);
        }
        else
        {
            _options.Add(new DhcpOptionValue(code, value));
        }
    }

    /// <summary>Removes the option; false when the message did not carry it.</summary>
    public bool RemoveOption(DhcpOptionCode code)
    {
        int index = IndexOf(code);
        if (index < 0)
        {
            return false;
        }

        Forget(code);
        _options.RemoveAt(index); // an option is held once: Append joins repeated instances
        return true;
    }

    // A loop rather than FindIndex with a lambda: the lambda captures the code, a closure and a delegate for every call.
    private int IndexOf(DhcpOptionCode code)
    {
        for (int i = 0; i < _options.Count; i++)
        {
            if (_options[i].Code == code)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// The largest message this one may be encoded as: for a reply, what the client can take (RFC 2132
    /// section 9.10, <see cref="ReplyLimitFor"/>). Unlimited by default: the buffer is the limit.
    /// </summary>
    public int MaximumLength { get; set; } = int.MaxValue;

    /// <summary>
    /// Encodes the message (<see cref="TryWriteTo"/>). Throws <see cref="InvalidOperationException"/> when it
    /// does not fit the buffer or <see cref="MaximumLength"/>.
    /// </summary>
    public int WriteTo(Span<byte> buffer) =>
        TryWriteTo(buffer, out int length)
            ? length
            : throw new InvalidOperationException($"The DHCP message does not fit in {Math.Min(buffer.Length, MaximumLength)} bytes.");

    /// <summary>
    /// Encodes the message: header, magic cookie, options with option 82 last in the options field (RFC 3046
    /// section 2.1), End, and zero padding to the 300-byte BOOTP minimum. When the options do not fit in the
    /// smaller of the buffer and <see cref="MaximumLength"/>, the <c>file</c> and then the <c>sname</c> field
    /// carry the rest, when they are empty (option 52, RFC 2132 section 9.3); when that is not enough, the boot file
    /// name moves to option 67 and frees <c>file</c>. False when even that is not enough, or a field is too long:
    /// nothing usable was written.
    /// </summary>
    public bool TryWriteTo(Span<byte> buffer, out int length)
    {
        length = 0;
        int limit = Math.Min(buffer.Length, MaximumLength);
        if (limit < DhcpConstants.OptionsOffset + 1
            || ClientHardwareAddress.Length > DhcpConstants.ClientHardwareAddressLength
            || !FitsField(ServerName, DhcpConstants.ServerNameLength)
            || !FitsField(BootFile, DhcpConstants.BootFileLength))
        {
            return false;
        }

        buffer = buffer[..limit];
        WriteHeader(buffer);
        var relay = GetOption(DhcpOptionCode.RelayAgentInformation);
        int needed = DhcpConstants.OptionsOffset + EncodedLength(relay) + 1;
        foreach (var option in _options)
        {
            needed += option.Code == DhcpOptionCode.RelayAgentInformation ? 0 : EncodedLength(option.Data);
        }

        if (needed > limit)
        {
            // Only when nothing else fits does the boot file name leave file for option 67: a reply that says the
            // name in a place firmware also reads beats no reply (a relayed client's long options 61 and 82 must be echoed).
            if (TryWriteOverloaded(buffer, relay, bootFileAsOption: false, out length))
            {
                return true;
            }

            // Option 67 may already say the name (a client that listed 67 in option 55 gets both): then file is free as it is.
            if (BootFile.Length == 0
                || (GetOption(DhcpOptionCode.BootFileName) is { } named && !named.AsSpan().SequenceEqual(Encoding.Latin1.GetBytes(BootFile))))
            {
                return false;
            }

            WriteHeader(buffer); // the first try left options in file and sname
            return TryWriteOverloaded(buffer, relay, bootFileAsOption: true, out length);
        }

        var writer = new DhcpOptionWriter(buffer, DhcpConstants.OptionsOffset);
        foreach (var option in _options)
        {
            if (option.Code != DhcpOptionCode.RelayAgentInformation)
            {
                writer.Write(option.Code, option.Data);
            }
        }

        if (relay is not null)
        {
            writer.Write(DhcpOptionCode.RelayAgentInformation, relay);
        }

        writer.WriteEnd(Math.Min(DhcpConstants.MinimumReplyLength, limit));
        length = writer.Position;
        return true;
    }

    /// <summary>
    /// The largest reply a client that sent <paramref name="request"/> takes: option 57 (RFC 2132 section 9.10)
    /// counts the whole IP datagram and is never below 576, so the DHCP message is 28 bytes (IPv4 and UDP
    /// headers) less; without option 57, 576 too, the datagram every client must accept (RFC 2131 section 2:
    /// an options field of 312 bytes). Never more than <see cref="DhcpConstants.MaximumMessageLength"/>.
    /// </summary>
    public static int ReplyLimitFor(DhcpMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        int datagram = request.GetOption(DhcpOptionCode.MaximumMessageSize) is [var high, var low] ? (high << 8) | low : 0;
        datagram = Math.Max(datagram, DhcpConstants.MinimumMaximumMessageSize);
        return Math.Min(datagram - DhcpConstants.IpUdpHeaderLength, DhcpConstants.MaximumMessageLength);
    }

    private void WriteHeader(Span<byte> buffer)
    {
        buffer[..DhcpConstants.OptionsOffset].Clear();
        buffer[DhcpConstants.OpOffset] = (byte)Op;
        buffer[DhcpConstants.HardwareTypeOffset] = HardwareType;
        buffer[DhcpConstants.HardwareLengthOffset] = (byte)ClientHardwareAddress.Length;
        buffer[DhcpConstants.HopsOffset] = Hops;
        BinaryPrimitives.WriteUInt32BigEndian(buffer[DhcpConstants.TransactionIdOffset..], TransactionId);
        BinaryPrimitives.WriteUInt16BigEndian(buffer[DhcpConstants.SecondsOffset..], Seconds);
        BinaryPrimitives.WriteUInt16BigEndian(buffer[DhcpConstants.FlagsOffset..], Flags);
        Ipv4.Write(buffer[DhcpConstants.ClientAddressOffset..], Ipv4.FromAddress(ClientAddress));
        Ipv4.Write(buffer[DhcpConstants.YourAddressOffset..], Ipv4.FromAddress(YourAddress));
        Ipv4.Write(buffer[DhcpConstants.ServerAddressOffset..], Ipv4.FromAddress(ServerAddress));
        Ipv4.Write(buffer[DhcpConstants.GatewayAddressOffset..], Ipv4.FromAddress(GatewayAddress));
        ClientHardwareAddress.CopyTo(buffer[DhcpConstants.ClientHardwareAddressOffset..]);
        Encoding.Latin1.GetBytes(ServerName, buffer.Slice(DhcpConstants.ServerNameOffset, DhcpConstants.ServerNameLength));
        Encoding.Latin1.GetBytes(BootFile, buffer.Slice(DhcpConstants.BootFileOffset, DhcpConstants.BootFileLength));
        Ipv4.Write(buffer[DhcpConstants.MagicCookieOffset..], DhcpConstants.MagicCookie);
    }

    private void Append(DhcpOptionCode code, ReadOnlySpan<byte> data)
    {
        Forget(code);
        int index = IndexOf(code);
        if (index < 0)
        {
            _options.Add(new DhcpOptionValue(code, data.ToArray()));
            return;
        }

        // A repeated option continues the first instance's value (RFC 3396 section 4).
        var existing = _options[index].Data;
        var joined = new byte[existing.Length + data.Length];
        existing.CopyTo(joined, 0);
        data.CopyTo(joined.AsSpan(existing.Length));
        _options[index] = new DhcpOptionValue(code, joined);
    }

    // The field must keep a terminating NUL.
    private static bool FitsField(string text, int field) => Encoding.Latin1.GetByteCount(text) < field;
}
