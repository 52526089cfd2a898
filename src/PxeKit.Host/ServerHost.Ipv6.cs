using System.Net;
using System.Net.NetworkInformation;
using Microsoft.Extensions.Logging;
using PxeKit.Core.Net;
using PxeKit.Server.Boot;
using PxeKit.Server.BootApi;
using PxeKit.Server.Dhcp6;
using PxeKit.Server.Http;
using PxeKit.Server.Tftp;

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
        var tftp = new TftpServer(
            new TftpServerOptions
            {
                Root = served.Root, Interface = nic.Name, ListenAddress = IPAddress.IPv6Any, Port = served.TftpPort, AllowWrite = served.AllowWrite,
                Limits = served.TftpLimits, Generated = new GrubConfigFiles(shared.Policy, nic.Name),
            },
            loggerFactory.CreateLogger<TftpServer>(),
            shared.Journal,
            _time);
        var http = served.HttpPort is { } port
            ? new HttpBootServer(
                new HttpBootOptions { Root = served.Root, ListenAddress = own.Address, Port = port, Connections = served.HttpConnections },
                BootApiScriptSource.Over(shared.BootApi, new ProfileScriptSource(shared.Policy, nic.Name, own.Address, shared.Journal, _time), shared.Journal, _time),
                loggerFactory,
                shared.Journal,
                _time)
            : null;
        var server = new Dhcp6Server(dhcp6, nic.Name, mac, own.Address, shared.Policy, shared.Store, shared.Journal, loggerFactory, _time);
        Serving(nic.Name + " (IPv6)", tftp, http);
        return new Ipv6Serving(server, tftp, http);
    }
}
