using System.Net;
using PxeKit.Server.Files;

namespace PxeKit.Server.Boot;

/// <summary>
/// The template variables of a client that asks for a file (<see cref="FileTemplates"/>): its MAC is that of the lease
/// on its address (<paramref name="macAt"/>: none in proxy mode, where another server leases), and the rest is what
/// the boot policy remembers of that MAC.
/// </summary>
/// <param name="policy">The boot policy, which remembers each client's DHCP request and the profile that answered it.</param>
/// <param name="macAt">The MAC whose lease holds an address now, or null.</param>
public sealed class ClientFileVariables(ProfileBootPolicy policy, Func<IPAddress, string?> macAt) : ITemplateVariables
{
    public Func<string, string?> For(IPAddress client, IPAddress? server)
    {
        ArgumentNullException.ThrowIfNull(client);
        var mac = macAt(client);
        return name => policy.FileVariable(name, mac, client, server);
    }
}
