using System.Net;
using System.Net.NetworkInformation;

namespace PxeKit.Server.Dhcp;

/// <summary>Asks the link whether a host already uses an address (RFC 2131 section 4.4.1: probe before allocating).</summary>
public interface IAddressProbe
{
    /// <summary>
    /// The MAC of a host that claims <paramref name="address"/>, or null when none answered within the
    /// probe's bound. Never faults: a probe that could not be sent answers null.
    /// </summary>
    Task<PhysicalAddress?> ProbeAsync(IPAddress address);
}
