using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Text;

namespace PxeKit.Protocol.Dhcp6;

/// <summary>Renders a DHCPv6 message as stable, readable text, one option a line: for golden tests and traces.</summary>
public static class Dhcp6MessageFormatter
{
    public static string Format(Dhcp6MessageView message)
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        if (message.IsRelay)
        {
            text.Append(c, $"{message.MessageType} hops={message.HopCount} link={new IPAddress(message.LinkAddress)} peer={new IPAddress(message.PeerAddress)}\n");
        }
        else
        {
            text.Append(c, $"{message.MessageType} xid=0x{message.TransactionId:x6}\n");
        }

        foreach (var option in message.Options)
        {
            Append(text, option, Dhcp6OptionLevel.Message);
        }

        return text.ToString();
    }

    private static void Append(StringBuilder text, Dhcp6Option option, Dhcp6OptionLevel level)
    {
        var c = CultureInfo.InvariantCulture;
        var code = (Dhcp6OptionCode)option.Code;
        string name = Enum.IsDefined(code) ? code.ToString() : "Unknown";
        var data = option.Data;
        string indent = new(' ', 2 * (int)level);
        text.Append(c, $"{indent}option {option.Code} {name}: ");
        switch (code)
        {
            case Dhcp6OptionCode.StatusCode:
                text.Append(c, $"{(Dhcp6StatusCode)BinaryPrimitives.ReadUInt16BigEndian(data)} \"{Encoding.UTF8.GetString(data[2..])}\"\n");
                return;
            case not Dhcp6OptionCode.IaAddress when level != Dhcp6OptionLevel.Message:
            case Dhcp6OptionCode.IaAddress when level != Dhcp6OptionLevel.IaNa:
                text.Append(Dhcp6Duid.Format(data)).Append('\n');
                return;
            case Dhcp6OptionCode.IaNa:
                var ia = new Dhcp6IaNa(data);
                text.Append(c, $"iaid={ia.Iaid} t1={ia.T1} t2={ia.T2}\n");
                foreach (var inner in ia.Options)
                {
                    Append(text, inner, Dhcp6OptionLevel.IaNa);
                }

                return;
            case Dhcp6OptionCode.IaAddress:
                var address = new Dhcp6IaAddress(data);
                text.Append(c, $"{address.Address} preferred={address.PreferredLifetime} valid={address.ValidLifetime}\n");
                foreach (var inner in address.Options)
                {
                    Append(text, inner, Dhcp6OptionLevel.IaAddress);
                }

                return;
            case Dhcp6OptionCode.OptionRequest or Dhcp6OptionCode.ClientArchitectureType:
                var list = new Dhcp6UInt16List(data);
                for (int i = 0; i < list.Count; i++)
                {
                    text.Append(c, $"{(i == 0 ? "" : ",")}{list[i]}");
                }

                break;
            case Dhcp6OptionCode.ElapsedTime:
                text.Append(c, $"{BinaryPrimitives.ReadUInt16BigEndian(data)}");
                break;
            case Dhcp6OptionCode.UserClass or Dhcp6OptionCode.BootFileParameters:
                AppendOpaque(text, data);
                break;
            case Dhcp6OptionCode.VendorClass:
                text.Append(c, $"enterprise={BinaryPrimitives.ReadUInt32BigEndian(data)} ");
                AppendOpaque(text, data[Dhcp6Constants.VendorClassHeaderLength..]);
                break;
            case Dhcp6OptionCode.BootFileUrl:
                text.Append(c, $"\"{Encoding.UTF8.GetString(data)}\"");
                break;
            case Dhcp6OptionCode.NetworkInterfaceId:
                text.Append(c, $"type={data[0]} version={data[1]}.{data[2]}");
                break;
            case Dhcp6OptionCode.DnsServers:
                for (int i = 0; i < data.Length; i += Dhcp6Constants.AddressLength)
                {
                    text.Append(c, $"{(i == 0 ? "" : ",")}{new IPAddress(data.Slice(i, Dhcp6Constants.AddressLength))}");
                }

                break;
            default:
                text.Append(Dhcp6Duid.Format(data));
                break;
        }

        text.Append('\n');
    }

    private static void AppendOpaque(StringBuilder text, ReadOnlySpan<byte> data)
    {
        bool first = true;
        foreach (var item in new Dhcp6OpaqueList(data))
        {
            text.Append(first ? "" : ",").Append('"').Append(Encoding.UTF8.GetString(item)).Append('"');
            first = false;
        }
    }
}
