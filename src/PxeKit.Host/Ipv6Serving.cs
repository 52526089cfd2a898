using PxeKit.Server.Dhcp6;
using PxeKit.Server.Http;
using PxeKit.Server.Tftp;

namespace PxeKit.Host;

/// <summary>The IPv6 side of one served interface (<c>dhcp6:</c>): DHCPv6, and TFTP and HTTP on its IPv6 address.</summary>
internal sealed record Ipv6Serving(Dhcp6Server Dhcp6, TftpServer Tftp, HttpBootServer? Http) : IDisposable
{
    /// <summary>Runs each of them in <paramref name="listeners"/>.</summary>
    public void Start(ListenerGroup listeners)
    {
        listeners.Start("TFTP (IPv6)", Tftp.RunAsync);
        if (Http is not null)
        {
            listeners.Start("HTTP (IPv6)", Http.RunAsync);
        }

        listeners.Start("DHCPv6", Dhcp6.RunAsync);
    }

    public void Dispose() => Dhcp6.Dispose();
}
