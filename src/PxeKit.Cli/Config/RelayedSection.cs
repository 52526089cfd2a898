namespace PxeKit.Cli.Config;

/// <summary>One entry of <c>dhcp.relayed</c>: a subnet behind a DHCP relay, served by its giaddr.</summary>
public sealed class RelayedSection
{
    /// <summary>CIDR, e.g. <c>10.60.0.0/24</c>.</summary>
    public string? Subnet { get; set; }

    /// <summary><c>FIRST-LAST</c> inside the subnet.</summary>
    public string? Range { get; set; }

    /// <summary>Option 3 for that subnet (usually the relay's own address there).</summary>
    public string? Router { get; set; }

    public List<string>? Dns { get; set; }

    /// <summary>Other DHCP options (<see cref="OptionSection"/>).</summary>
    public List<OptionSection>? Options { get; set; }
}
