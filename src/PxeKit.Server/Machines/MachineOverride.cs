using System.Net;

namespace PxeKit.Server.Machines;

/// <summary>
/// An operator's settings for one machine, set through the management API and kept in the lease database: a reserved
/// <see cref="Address"/> (with the <see cref="HostName"/> it is given), and <see cref="BootLocal"/>, which sends the
/// machine to its local disk before any profile. Null address: no reservation.
/// </summary>
public sealed record MachineOverride(string Mac, IPAddress? Address, string? HostName, bool BootLocal)
{
    /// <summary>True when the override sets nothing, and is deleted rather than stored.</summary>
    public bool IsEmpty => Address is null && !BootLocal;
}
