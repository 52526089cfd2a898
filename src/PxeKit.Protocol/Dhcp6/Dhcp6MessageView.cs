using System.Buffers.Binary;
using PxeKit.Protocol.Dhcp;

namespace PxeKit.Protocol.Dhcp6;

/// <summary>
/// A validated, allocation-free view of a DHCPv6 datagram: a client/server message (RFC 8415 section 8) or a
/// relay message (section 9). Obtain one with <see cref="TryParse"/>; every accessor then stays inside the
/// bounds parsing checked, and an option that is absent reads as empty.
/// </summary>
public readonly ref struct Dhcp6MessageView
{
    private static ReadOnlySpan<byte> Ipxe => "iPXE"u8;

    private readonly ReadOnlySpan<byte> _data;

    private Dhcp6MessageView(ReadOnlySpan<byte> data) => _data = data;

    /// <summary>The whole datagram.</summary>
    public ReadOnlySpan<byte> Bytes => _data;

    public Dhcp6MessageType MessageType => (Dhcp6MessageType)_data[Dhcp6Constants.MessageTypeOffset];

    /// <summary>Relay-forward or relay-reply: the header is hop count and two addresses, not a transaction id.</summary>
    public bool IsRelay => MessageType is Dhcp6MessageType.RelayForward or Dhcp6MessageType.RelayReply;

    /// <summary>The 24-bit transaction id; 0 for a relay message, which has none.</summary>
    public uint TransactionId => IsRelay
        ? 0
        : (uint)(_data[1] << 16 | _data[2] << 8 | _data[3]);

    /// <summary>A relay message's hop count; 0 otherwise.</summary>
    public byte HopCount => IsRelay ? _data[Dhcp6Constants.HopCountOffset] : (byte)0;

    /// <summary>A relay message's link-address (empty otherwise): an address on the client's link, or unspecified.</summary>
    public ReadOnlySpan<byte> LinkAddress => IsRelay ? _data.Slice(Dhcp6Constants.LinkAddressOffset, Dhcp6Constants.AddressLength) : default;

    /// <summary>A relay message's peer-address (empty otherwise): where the relayed message came from.</summary>
    public ReadOnlySpan<byte> PeerAddress => IsRelay ? _data.Slice(Dhcp6Constants.PeerAddressOffset, Dhcp6Constants.AddressLength) : default;

    /// <summary>The message's own options, in wire order (not those nested in IA_NA).</summary>
    public Dhcp6OptionEnumerator Options => new(OptionArea);

    private ReadOnlySpan<byte> OptionArea => _data[(IsRelay ? Dhcp6Constants.RelayHeaderLength : Dhcp6Constants.HeaderLength)..];

    /// <summary>The value of the first option with <paramref name="code"/> among the message's own options.</summary>
    public bool TryGetOption(Dhcp6OptionCode code, out ReadOnlySpan<byte> value) => Dhcp6OptionEnumerator.TryFind(OptionArea, code, out value);

    public bool HasOption(Dhcp6OptionCode code) => TryGetOption(code, out _);

    /// <summary>Option 1, the client's DUID; empty when absent.</summary>
    public ReadOnlySpan<byte> ClientId => TryGetOption(Dhcp6OptionCode.ClientId, out var value) ? value : default;

    /// <summary>Option 2, the server's DUID; empty when absent.</summary>
    public ReadOnlySpan<byte> ServerId => TryGetOption(Dhcp6OptionCode.ServerId, out var value) ? value : default;

    /// <summary>Every IA_NA of the message (option 3), in wire order.</summary>
    public Dhcp6IaNaEnumerator IaNas => new(OptionArea);

    /// <summary>The first IA_NA, which is the only one netboot clients send.</summary>
    public bool TryGetIaNa(out Dhcp6IaNa ia)
    {
        foreach (var each in IaNas)
        {
            ia = each;
            return true;
        }

        ia = default;
        return false;
    }

    /// <summary>Option 61: the client's architectures, most preferred first (RFC 5970 section 3.3).</summary>
    public Dhcp6UInt16List ClientArchitectures => new(TryGetOption(Dhcp6OptionCode.ClientArchitectureType, out var value) ? value : default);

    /// <summary>The first architecture of option 61, if any.</summary>
    public ClientArchitecture? Architecture => ClientArchitectures is { Count: > 0 } list ? (ClientArchitecture)list[0] : null;

    /// <summary>Option 15's items (RFC 8415 section 21.15).</summary>
    public Dhcp6OpaqueList UserClasses => new(TryGetOption(Dhcp6OptionCode.UserClass, out var value) ? value : default);

    /// <summary>The request comes from iPXE: one user class is <c>iPXE</c>.</summary>
    public bool IsIpxe => TryGetOption(Dhcp6OptionCode.UserClass, out var value) && Dhcp6OpaqueList.Contains(value, Ipxe);

    /// <summary>Option 16: the enterprise number and the vendor class items (RFC 8415 section 21.16).</summary>
    public bool TryGetVendorClass(out uint enterpriseNumber, out Dhcp6OpaqueList data)
    {
        if (TryGetOption(Dhcp6OptionCode.VendorClass, out var value))
        {
            enterpriseNumber = BinaryPrimitives.ReadUInt32BigEndian(value);
            data = new Dhcp6OpaqueList(value[Dhcp6Constants.VendorClassHeaderLength..]);
            return true;
        }

        enterpriseNumber = 0;
        data = default;
        return false;
    }

    /// <summary>Option 6: the options the client asks for.</summary>
    public Dhcp6UInt16List RequestedOptions => new(TryGetOption(Dhcp6OptionCode.OptionRequest, out var value) ? value : default);

    /// <summary>Option 8 in hundredths of a second, or null when absent.</summary>
    public ushort? ElapsedTime => TryGetOption(Dhcp6OptionCode.ElapsedTime, out var value) ? BinaryPrimitives.ReadUInt16BigEndian(value) : null;

    /// <summary>Option 14: the client accepts a Reply to its Solicit (RFC 8415 section 18.2.1).</summary>
    public bool RapidCommit => HasOption(Dhcp6OptionCode.RapidCommit);

    /// <summary>Option 59 as sent (a reply's boot file URL); empty when absent.</summary>
    public ReadOnlySpan<byte> BootFileUrl => TryGetOption(Dhcp6OptionCode.BootFileUrl, out var value) ? value : default;

    /// <summary>Option 62: the client's network interface type and UNDI version (RFC 5970 section 3.4).</summary>
    public bool TryGetNetworkInterfaceId(out byte type, out byte major, out byte minor)
    {
        bool found = TryGetOption(Dhcp6OptionCode.NetworkInterfaceId, out var value);
        type = found ? value[0] : (byte)0;
        major = found ? value[1] : (byte)0;
        minor = found ? value[2] : (byte)0;
        return found;
    }

    /// <summary>Option 13 among the message's own options: a code and a UTF-8 message.</summary>
    public bool TryGetStatus(out Dhcp6StatusCode code, out ReadOnlySpan<byte> message) =>
        Dhcp6IaNa.ReadStatus(OptionArea, out code, out message);

    /// <summary>A relay message's option 9: the message it carries (parse it with <see cref="TryParse"/>).</summary>
    public bool TryGetRelayedMessage(out ReadOnlySpan<byte> message)
    {
        message = default;
        return IsRelay && TryGetOption(Dhcp6OptionCode.RelayMessage, out message);
    }

    /// <summary>
    /// Parses a datagram (RFC 8415 section 8: msg-type, transaction-id, options; section 9 for relay messages;
    /// section 21.1 for the option format, and each option's section for its length). Never throws.
    /// </summary>
    public static Dhcp6ParseError TryParse(ReadOnlySpan<byte> datagram, out Dhcp6MessageView view)
    {
        view = default;
        if (datagram.Length < Dhcp6Constants.HeaderLength)
        {
            return Dhcp6ParseError.Truncated;
        }

        byte type = datagram[Dhcp6Constants.MessageTypeOffset];
        if (type is 0 or > (byte)Dhcp6MessageType.RelayReply)
        {
            return Dhcp6ParseError.BadMessageType;
        }

        bool relay = type is (byte)Dhcp6MessageType.RelayForward or (byte)Dhcp6MessageType.RelayReply;
        int header = relay ? Dhcp6Constants.RelayHeaderLength : Dhcp6Constants.HeaderLength;
        if (datagram.Length < header)
        {
            return Dhcp6ParseError.Truncated;
        }

        var error = Dhcp6OptionRules.Validate(datagram[header..]);
        if (error == Dhcp6ParseError.None)
        {
            view = new Dhcp6MessageView(datagram);
        }

        return error;
    }
}
