using System.Net;

namespace PxeKit.Server.Boot;

/// <summary>Decides what a client boots, from what its request says about it.</summary>
public interface IBootPolicy
{
    /// <summary>
    /// The boot file for this client, or null to give it no boot information.
    /// <paramref name="server"/> is PxeKit's address as the client reaches it (for URLs).
    /// </summary>
    BootAnswer? Choose(BootClient client, IPAddress server);
}
