using System.Net.NetworkInformation;
using Microsoft.Extensions.Logging;
using PxeKit.Core.Net;
using PxeKit.Server.Dhcp6;

namespace PxeKit.Host;

public sealed partial class ServerHost
{
    /// <summary>
    /// The IPv6 side of <paramref name="nic"/> with <c>dhcp6:</c>: DHCPv6 (its leases in the same lease database), and TFTP
    /// and HTTP on the interface's global or unique-local address, the one the boot URLs name. Null when DHCPv6 is off, or
    /// when the interface has no such address (then a warning says IPv6 clients are not served there).
    /// </summary>
    private Ipv6Serving? OpenIpv6(ServeSettings served, ServedInterface nic, ServingState shared)
    {
        if (served.Dhcp6 is not { } dhcp6)
        {
            return null;
        }

        if (InterfaceIpv6Address.Find(nic.Name) is not { } own)
        {
            loggerFactory.CreateLogger<ServerHost>().LogWarning(
                "{Interface} has no global or unique-local IPv6 address: DHCPv6, TFTP and HTTP over IPv6 are not served there (dhcp6: needs one, e.g. fd00:47::1/64)",
                nic.Name);
            return null;
        }

        var mac = NetworkInterface.GetAllNetworkInterfaces().FirstOrDefault(n => n.Name == nic.Name)?.GetPhysicalAddress().GetAddressBytes() ?? [];
        var (tftp, http) = CreateFileServers(served, nic, shared, own.Address);
        var server = new Dhcp6Server(dhcp6, nic.Name, mac, own.Address, shared.Policy, shared.Store, shared.Journal, loggerFactory, _time);
        return new Ipv6Serving(server, tftp, http);
    }
}
