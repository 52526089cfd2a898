namespace PxeKit.Cli.Config;

/// <summary>The <c>dhcp6:</c> section: DHCPv6 netboot (RFC 8415, with RFC 5970's boot options) on the served interfaces.</summary>
public sealed class Dhcp6Section
{
    /// <summary><c>full</c> (addresses and boot options, the default) or <c>boot-only</c> (beside another DHCPv6 server).</summary>
    public string? Mode { get; set; }

    /// <summary><c>FIRST-LAST</c>, e.g. <c>fd00:47::100-fd00:47::1ff</c>: full mode's addresses.</summary>
    public string? Range { get; set; }

    /// <summary>The valid lifetime of an address, as <c>dhcp: lease-time</c> is written; it is preferred for half of it. Default: 2h.</summary>
    public string? LeaseTime { get; set; }

    /// <summary>DNS servers (option 23), for clients that ask.</summary>
    public List<string>? Dns { get; set; }
}
