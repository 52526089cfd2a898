using PxeKit.Protocol.Dhcp;
using PxeKit.Server.Dhcp;

namespace PxeKit.Server.Boot;

/// <summary>Decides what a client boots, from what its request says about it.</summary>
public interface IBootPolicy
{
    /// <summary>The boot program for this client, or null to give it an address only.</summary>
    BootAnswer? Choose(DhcpMessage request, DhcpScope scope);
}
