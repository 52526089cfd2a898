using System.Net;
using System.Text;
using PxeKit.Cli.Config;
using PxeKit.Host.Management;
using PxeKit.Protocol.Dhcp;

namespace PxeKit.Cli.Explain;

/// <summary>A DHCPDISCOVER shaped like the described client's, built for <c>explain</c>.</summary>
internal static partial class ExplainClient
{
    public static DhcpMessage? Build(ExplainRequest described, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(described);
        ArgumentNullException.ThrowIfNull(errors);
        var (mac, arch, vendorClass, userClass, relay) = (described.Mac, described.Arch, described.VendorClass, described.UserClass, described.Relay);
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

        Guid? uuid = null;
        if (described.Uuid is { } uuidText)
        {
            if (Guid.TryParseExact(uuidText, "D", out var parsed))
            {
                uuid = parsed;
            }
            else
            {
                errors.Add($"--uuid '{uuidText}' is not a UUID (like 8c2d4e5f-0a1b-4c3d-9e8f-123456789abc)");
            }
        }

        if ((described.CircuitId ?? described.RemoteId) is not null && relay is null)
        {
            errors.Add("--circuit-id and --remote-id are a relay's (option 82): give --relay too");
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

        if (uuid is { } id)
        {
            message.SetOption(DhcpOptionCode.ClientMachineIdentifier, [0, .. id.ToByteArray()]);
        }

        if (described.HostName is { } hostName)
        {
            message.SetString(DhcpOptionCode.HostName, hostName);
        }

        if ((described.CircuitId ?? described.RemoteId) is not null)
        {
            var agent = new List<byte>();
            foreach (var (code, value) in new[] { (RelayAgentInformation.CircuitIdSubOption, described.CircuitId), (RelayAgentInformation.RemoteIdSubOption, described.RemoteId) })
            {
                if (value is not null)
                {
                    var bytes = ColonHex().IsMatch(value) ? Convert.FromHexString(value.Replace(":", "", StringComparison.Ordinal)) : Encoding.ASCII.GetBytes(value);
                    agent.AddRange([code, (byte)bytes.Length, .. bytes]);
                }
            }

            message.SetOption(DhcpOptionCode.RelayAgentInformation, [.. agent]);
        }

        return message;
    }

    /// <summary>Bytes written as <see cref="RelayAgentInformation.Show"/> writes those that are not printable.</summary>
    [System.Text.RegularExpressions.GeneratedRegex("^[0-9a-f]{2}(:[0-9a-f]{2})*$")]
    private static partial System.Text.RegularExpressions.Regex ColonHex();
}
