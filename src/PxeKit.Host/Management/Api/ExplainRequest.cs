namespace PxeKit.Host.Management;

/// <summary>
/// A client described as <c>pxekit explain</c> takes it (its options) and <c>POST /api/v1/explain</c> (its JSON body):
/// the MAC is required; the rest is as its firmware would send it, defaults filled in by the explainer.
/// </summary>
/// <param name="Mac">The client's MAC, <c>52:54:00:12:34:56</c>.</param>
/// <param name="Arch">Option 93: a number or a name (<c>bios</c>, <c>uefi-x64</c>, <c>arm64</c>, ...).</param>
/// <param name="VendorClass">Option 60.</param>
/// <param name="UserClass">Option 77, <c>iPXE</c> for iPXE's own requests.</param>
/// <param name="Relay">giaddr: the request came through a relay with this address.</param>
public sealed record ExplainRequest(string? Mac, string? Arch = null, string? VendorClass = null, string? UserClass = null, string? Relay = null)
{
    /// <summary>Option 97, the machine's UUID.</summary>
    public string? Uuid { get; init; }

    /// <summary>Option 12.</summary>
    public string? HostName { get; init; }

    /// <summary>Option 82's circuit id (with <see cref="Relay"/>): text, or colon hex.</summary>
    public string? CircuitId { get; init; }

    /// <summary>Option 82's remote id (with <see cref="Relay"/>): text, or colon hex.</summary>
    public string? RemoteId { get; init; }

    /// <summary>
    /// Explain the DHCPv6 answer (a Solicit through serve's DHCPv6 handler) instead of the DHCPv4 one; <see cref="Arch"/> then
    /// defaults to <c>uefi-x64</c>, and <see cref="Relay"/>, <see cref="CircuitId"/> and <see cref="RemoteId"/> do not apply.
    /// </summary>
    public bool Ipv6 { get; init; }
}
