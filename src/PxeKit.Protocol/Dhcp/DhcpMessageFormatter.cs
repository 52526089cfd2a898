using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Text;

namespace PxeKit.Protocol.Dhcp;

/// <summary>Renders a message as stable, readable text: for golden tests, <c>explain</c> and traces.</summary>
public static class DhcpMessageFormatter
{
    public static string Format(DhcpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.Append(c, $"op={message.Op} htype={message.HardwareType} hops={message.Hops} xid=0x{message.TransactionId:x8} secs={message.Seconds} flags=0x{message.Flags:x4}{(message.Broadcast ? " (broadcast)" : "")}\n");
        text.Append(c, $"ciaddr={message.ClientAddress} yiaddr={message.YourAddress} siaddr={message.ServerAddress} giaddr={message.GatewayAddress}\n");
        text.Append(c, $"chaddr={message.ClientMac}\n");
        text.Append(c, $"sname=\"{message.ServerName}\" file=\"{message.BootFile}\"\n");
        foreach (var option in message.Options)
        {
            text.Append(c, $"option {(byte)option.Code} {Name(option.Code)}: {FormatValue(option.Code, option.Data)}\n");
        }

        return text.ToString();
    }

    public static string Name(DhcpOptionCode code) =>
        Enum.IsDefined(code) ? code.ToString() : "Unknown";

    public static string FormatValue(DhcpOptionCode code, byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var c = CultureInfo.InvariantCulture;
        switch (code)
        {
            case DhcpOptionCode.MessageType when data.Length == 1:
                return ((DhcpMessageType)data[0]).ToString();
            case DhcpOptionCode.SubnetMask or DhcpOptionCode.RequestedIpAddress or DhcpOptionCode.ServerIdentifier
                or DhcpOptionCode.BroadcastAddress or DhcpOptionCode.Router or DhcpOptionCode.DomainNameServer
                when data.Length > 0 && data.Length % 4 == 0:
                return string.Join(", ", data.Chunk(4).Select(a => new IPAddress(a).ToString()));
            case DhcpOptionCode.LeaseTime or DhcpOptionCode.RenewalTime or DhcpOptionCode.RebindingTime when data.Length == 4:
                return BinaryPrimitives.ReadUInt32BigEndian(data).ToString(c) + " s";
            case DhcpOptionCode.MaximumMessageSize when data.Length == 2:
                return BinaryPrimitives.ReadUInt16BigEndian(data).ToString(c);
            case DhcpOptionCode.ParameterRequestList:
                return string.Join(' ', data.Select(b => b.ToString(c)));
            case DhcpOptionCode.ClientSystemArchitecture when data.Length % 2 == 0:
                return string.Join(", ", data.Chunk(2).Select(a => ((ClientArchitecture)BinaryPrimitives.ReadUInt16BigEndian(a)).ToString()));
            case DhcpOptionCode.ClientNetworkInterface when data.Length == 3:
                return $"type {data[0]} version {data[1]}.{data[2]}";
            case DhcpOptionCode.ClientMachineIdentifier when DhcpMessage.UuidOf(data) is { } uuid:
                return "guid " + uuid;
            case DhcpOptionCode.UserClass:
                return string.Join(", ", UserClass.Parse(data).Select(Quote));
            case DhcpOptionCode.VendorClassIdentifier or DhcpOptionCode.HostName or DhcpOptionCode.DomainName
                or DhcpOptionCode.TftpServerName or DhcpOptionCode.BootFileName or DhcpOptionCode.Message
                when IsPrintable(data):
                return Quote(Encoding.Latin1.GetString(data));
            default:
                return "0x" + Convert.ToHexStringLower(data);
        }
    }

    private static string Quote(string s) => "\"" + s + "\"";

    private static bool IsPrintable(byte[] data) => data.All(b => b is >= 0x20 and < 0x7f || b == 0);
}
