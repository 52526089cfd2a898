using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace PxeKit.Protocol.Dhcp;

/// <summary>Typed access to the options PxeKit reads and writes.</summary>
public sealed partial class DhcpMessage
{
    public DhcpMessageType MessageType
    {
        get => GetOption(DhcpOptionCode.MessageType) is [var type] ? (DhcpMessageType)type : DhcpMessageType.None;
        set => SetOwned(DhcpOptionCode.MessageType, [(byte)value]);
    }

    /// <summary><c>chaddr</c> as <c>52:54:00:12:34:56</c>.</summary>
    public string ClientMac => _clientMac ??= MacAddress.Format(ClientHardwareAddress);

    /// <summary>Option 50.</summary>
    public IPAddress? RequestedAddress => GetAddress(DhcpOptionCode.RequestedIpAddress);

    /// <summary>Option 54.</summary>
    public IPAddress? ServerIdentifier => GetAddress(DhcpOptionCode.ServerIdentifier);

    /// <summary>Option 55, or empty.</summary>
    public byte[] ParameterRequestList => GetOption(DhcpOptionCode.ParameterRequestList) ?? [];

    /// <summary>Option 60 as text, or null.</summary>
    public string? VendorClass => _text.VendorClass(this);

    /// <summary>Option 12 as text, or null.</summary>
    public string? HostName => GetString(DhcpOptionCode.HostName);

    /// <summary>
    /// The machine's UUID from option 97 (RFC 4578 section 2.3: type 0 and 16 bytes), as SMBIOS and <c>dmidecode</c> show
    /// it (its first three fields little-endian); null when there is none, or it is not of that form.
    /// </summary>
    public string? MachineUuid => UuidOf(GetOption(DhcpOptionCode.ClientMachineIdentifier));

    /// <summary>The UUID in a value of option 97, as <see cref="MachineUuid"/> reads it.</summary>
    public static string? UuidOf(byte[]? option) => option is { Length: 17 } && option[0] == 0 ? new Guid(option.AsSpan(1)).ToString() : null;

    /// <summary>Option 82's circuit and remote id, when a relay added them.</summary>
    public RelayAgentInformation? RelayAgent => RelayAgentInformation.Parse(GetOption(DhcpOptionCode.RelayAgentInformation));

    /// <summary>Option 77 as its list of classes (RFC 3004), or the bare string iPXE sends.</summary>
    public IReadOnlyList<string> UserClasses => _text.UserClasses(this);

    /// <summary>The first architecture of option 93, the one the client boots as; null without the option.</summary>
    public ClientArchitecture? Architecture =>
        GetOption(DhcpOptionCode.ClientSystemArchitecture) is { Length: >= 2 } data ? (ClientArchitecture)BinaryPrimitives.ReadUInt16BigEndian(data) : null;

    /// <summary>Option 93: every architecture the client lists (RFC 4578 section 2.1).</summary>
    public IReadOnlyList<ClientArchitecture> ClientArchitectures
    {
        get
        {
            var data = GetOption(DhcpOptionCode.ClientSystemArchitecture);
            if (data is null)
            {
                return [];
            }

            var list = new ClientArchitecture[data.Length / 2];
            for (int i = 0; i < list.Length; i++)
            {
                list[i] = (ClientArchitecture)BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(i * 2));
            }

            return list;
        }
    }

    /// <summary>iPXE marks its requests with option 175 or the user class <c>iPXE</c>.</summary>
    public bool IsIpxe =>
        GetOption(DhcpOptionCode.IpxeEncapsulated) is not null || UserClass.Contains(GetOption(DhcpOptionCode.UserClass), "iPXE"u8);

    /// <summary>The vendor class starts with <c>PXEClient</c> (PXE 2.1 specification, section 2.2.5).</summary>
    public bool IsPxeClient => VendorClassStartsWith("PXEClient"u8);

    /// <summary>The vendor class starts with <c>HTTPClient</c> (UEFI 2.5+ HTTP Boot).</summary>
    public bool IsHttpClient => VendorClassStartsWith("HTTPClient"u8);

    // On the option's bytes: these are asked several times per request, and the text of option 60 would be a string each time.
    private bool VendorClassStartsWith(ReadOnlySpan<byte> prefix) =>
        GetOption(DhcpOptionCode.VendorClassIdentifier) is { } vendor && vendor.AsSpan().StartsWith(prefix);

    public IPAddress? GetAddress(DhcpOptionCode code) =>
        GetOption(code) is { Length: 4 } data ? new IPAddress(data) : null;

    public uint? GetUInt32(DhcpOptionCode code) =>
        GetOption(code) is { Length: 4 } data ? BinaryPrimitives.ReadUInt32BigEndian(data) : null;

    public string? GetString(DhcpOptionCode code) =>
        GetOption(code) is { } data ? Encoding.Latin1.GetString(data).TrimEnd('\0') : null;

    public void SetAddress(DhcpOptionCode code, IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[4];
        Ipv4.Write(bytes, Ipv4.FromAddress(address));
        SetOption(code, bytes);
    }

    public void SetAddresses(DhcpOptionCode code, IReadOnlyList<IPAddress> addresses)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        var bytes = new byte[addresses.Count * 4];
        for (int i = 0; i < addresses.Count; i++)
        {
            Ipv4.Write(bytes.AsSpan(i * 4), Ipv4.FromAddress(addresses[i]));
        }

        SetOwned(code, bytes);
    }

    public void SetUInt32(DhcpOptionCode code, uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        SetOption(code, bytes);
    }

    public void SetString(DhcpOptionCode code, string value) => SetOwned(code, Encoding.Latin1.GetBytes(value));
}
