using System.Globalization;
using System.Net;
using System.Text;
using PxeKit.Cli.Config;
using PxeKit.Protocol.Dhcp;

namespace PxeKit.Cli.Explain;

/// <summary>A DHCPDISCOVER shaped like the described client's, built for <c>explain</c>.</summary>
internal static class ExplainClient
{
    public static DhcpMessage? Build(string? mac, string? arch, string? vendorClass, string? userClass, string? relay, List<string> errors)
    {
        if (!MacAddress.TryParse(mac, out var chaddr))
        {
            errors.Add($"--mac '{mac}' is not a MAC address (like 52:54:00:12:34:56)");
        }

        IReadOnlyList<ClientArchitecture> architectures = [];
        if (arch is not null && !ArchitectureNames.TryParse(arch, out architectures))
        {
            errors.Add($"--arch '{arch}' is neither a number nor one of {string.Join(", ", ArchitectureNames.Known)}");
        }

        IPAddress? giaddr = null;
        if (relay is not null && (!IPAddress.TryParse(relay, out giaddr) || giaddr.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork))
        {
            errors.Add($"--relay '{relay}' is not an IPv4 address");
        }

        if (errors.Count > 0)
        {
            return null;
        }

        var message = new DhcpMessage
        {
            TransactionId = 0x50584b54, // "PXKT"
            Flags = DhcpConstants.BroadcastFlag,
            ClientHardwareAddress = chaddr,
            GatewayAddress = giaddr ?? IPAddress.Any,
            Hops = (byte)(giaddr is null ? 0 : 1),
        };
        message.MessageType = DhcpMessageType.Discover;
        var code = architectures.Count > 0 ? (ushort)architectures[0] : (ushort)0;
        message.SetOption(DhcpOptionCode.ClientSystemArchitecture, [(byte)(code >> 8), (byte)code]);
        bool http = architectures.Count > 0 && architectures[0] is ClientArchitecture.EfiX64Http or ClientArchitecture.EfiArm64Http
            or ClientArchitecture.EfiX86Http or ClientArchitecture.EfiArm32Http or ClientArchitecture.PcBiosHttp or ClientArchitecture.EfiBcHttp;
        message.SetString(DhcpOptionCode.VendorClassIdentifier,
            vendorClass ?? string.Create(CultureInfo.InvariantCulture, $"{(http ? "HTTPClient" : "PXEClient")}:Arch:{code:D5}:UNDI:003000"));
        if (userClass is not null)
        {
            // As iPXE sends it: the bare name (see UserClass).
            message.SetOption(DhcpOptionCode.UserClass, Encoding.ASCII.GetBytes(userClass));
        }

        message.SetOption(DhcpOptionCode.ParameterRequestList, [1, 3, 6, 43, 60, 66, 67]);
        return message;
    }
}
