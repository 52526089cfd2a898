using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace PxeKit.Protocol.Dhcp;

/// <summary>
/// A decoded DHCP message that can be inspected, changed and encoded again. The server builds its
/// replies as these; <see cref="DhcpMessageView"/> is the allocation-free way to read.
/// Options are logical: split instances are joined, overloaded fields are read as options, and
/// option 52 itself is not kept (the encoder never overloads).
/// </summary>
public sealed partial class DhcpMessage
{
    private readonly List<DhcpOptionValue> _options = [];

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

    /// <summary>The client hardware address, <c>hlen</c> bytes long (at most 16).</summary>
    public byte[] ClientHardwareAddress { get; set; } = new byte[DhcpConstants.EthernetAddressLength];

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
        var message = new DhcpMessage
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
        foreach (var option in _options)
        {
            if (option.Code == code)
            {
                return option.Data;
            }
        }

        return null;
    }

    /// <summary>Sets an option, replacing any value it had, keeping its place.</summary>
    public void SetOption(DhcpOptionCode code, ReadOnlySpan<byte> value)
    {
        int index = _options.FindIndex(o => o.Code == code);
        if (index >= 0)
        {
            _options[index] = new DhcpOptionValue(code, value.ToArray());
        }
        else
        {
            _options.Add(new DhcpOptionValue(code, value.ToArray()));
        }
    }

    public bool RemoveOption(DhcpOptionCode code) => _options.RemoveAll(o => o.Code == code) > 0;

    /// <summary>
    /// Encodes the message: header, magic cookie, options with option 82 last (RFC 3046 section
    /// 2.1), End, and zero padding to the 300-byte BOOTP minimum. Returns the length.
    /// </summary>
    public int WriteTo(Span<byte> buffer)
    {
        if (buffer.Length < DhcpConstants.OptionsOffset)
        {
            throw new ArgumentException("The buffer cannot hold a DHCP header.", nameof(buffer));
        }

        if (ClientHardwareAddress.Length > DhcpConstants.ClientHardwareAddressLength)
        {
            throw new InvalidOperationException("chaddr is longer than 16 bytes.");
        }

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
        WriteField(buffer.Slice(DhcpConstants.ServerNameOffset, DhcpConstants.ServerNameLength), ServerName, nameof(ServerName));
        WriteField(buffer.Slice(DhcpConstants.BootFileOffset, DhcpConstants.BootFileLength), BootFile, nameof(BootFile));
        Ipv4.Write(buffer[DhcpConstants.MagicCookieOffset..], DhcpConstants.MagicCookie);

        var writer = new DhcpOptionWriter(buffer, DhcpConstants.OptionsOffset);
        foreach (var option in _options)
        {
            if (option.Code != DhcpOptionCode.RelayAgentInformation)
            {
                writer.Write(option.Code, option.Data);
            }
        }

        if (GetOption(DhcpOptionCode.RelayAgentInformation) is { } relay)
        {
            writer.Write(DhcpOptionCode.RelayAgentInformation, relay);
        }

        writer.WriteEnd();
        return writer.Position;
    }

    private void Append(DhcpOptionCode code, ReadOnlySpan<byte> data)
    {
        int index = _options.FindIndex(o => o.Code == code);
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

    private static void WriteField(Span<byte> field, string text, string name)
    {
        // The field must keep a terminating NUL.
        if (Encoding.Latin1.GetByteCount(text) >= field.Length)
        {
            throw new InvalidOperationException($"{name} '{text}' does not fit its {field.Length}-byte field.");
        }

        Encoding.Latin1.GetBytes(text, field);
    }
}
