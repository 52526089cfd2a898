namespace PxeKit.Cli.Config;

/// <summary>One entry of <c>interfaces:</c>: an interface served, with its own DHCP scope and profiles.</summary>
public sealed class InterfaceSection
{
    public string? Name { get; set; }

    /// <summary>
    /// The scope of its subnet and the subnets relayed to it: keys not given here are taken from the top-level
    /// <c>dhcp:</c> (lease-time, dns, authoritative, probe, options; a range, router, reservations or relayed subnets there apply
    /// only when one interface is served).
    /// </summary>
    public DhcpSection? Dhcp { get; set; }

    /// <summary>Profiles for requests that arrive on this interface, tried before the top-level ones.</summary>
    public List<ProfileSection>? Profiles { get; set; }
}
