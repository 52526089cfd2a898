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

        var architecture = architectures.Count > 0 ? architectures[0] : ClientArchitecture.IntelX86Pc;
        var message = PxeClientRequest.Discover(chaddr, architecture, 0x50584b54); // "PXKT"
        message.GatewayAddress = giaddr ?? IPAddress.Any;
        message.Hops = (byte)(giaddr is null ? 0 : 1);
        if (vendorClass is not null)
        {
            message.SetString(DhcpOptionCode.VendorClassIdentifier, vendorClass);
        }

        if (userClass is not null)
        {
            // As iPXE sends it: the bare name (see UserClass).
            message.SetOption(DhcpOptionCode.UserClass, Encoding.ASCII.GetBytes(userClass));
        }

        return message;
    }
}
