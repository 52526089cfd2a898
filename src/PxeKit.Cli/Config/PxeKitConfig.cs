namespace PxeKit.Cli.Config;

/// <summary>The YAML configuration file, as written. Every value is optional here; validation says what is missing.</summary>
public sealed class PxeKitConfig
{
    public string? Interface { get; set; }

    /// <summary>Several interfaces, each with its scope and profiles (instead of <c>interface:</c>).</summary>
    public List<InterfaceSection>? Interfaces { get; set; }

    public string? Root { get; set; }

    public string? Bootfile { get; set; }

    public string? LeaseDb { get; set; }

    /// <summary><c>full</c> (hand out addresses; the default) or <c>proxy</c> (beside another DHCP server).</summary>
    public string? Mode { get; set; }

    public DhcpSection? Dhcp { get; set; }

    public HttpSection? Http { get; set; }

    public ManagementSection? Management { get; set; }

    public IpxeSection? Ipxe { get; set; }

    /// <summary>Named lists of MACs that profiles can match as a whole.</summary>
    public Dictionary<string, List<string>>? Groups { get; set; }

    /// <summary>The template variables of the groups written as <c>{ macs: [...], vars: {...} }</c>, by group name.</summary>
    public Dictionary<string, Dictionary<string, string>>? GroupVars { get; set; }

    /// <summary>
    /// A directory under the root, named relative to it, whose files are templates rendered for each client that asks for
    /// them over TFTP or HTTP.
    /// </summary>
    public string? Templates { get; set; }

    /// <summary>Boot profiles, in order: the first that matches a client applies.</summary>
    public List<ProfileSection>? Profiles { get; set; }

    public TftpSection? Tftp { get; set; }

    /// <summary>DHCPv6 netboot; off without this section.</summary>
    public Dhcp6Section? Dhcp6 { get; set; }

    /// <summary>The external boot API's URL (pixiecore's API mode): <c>http://provisioner:8080</c>.</summary>
    public string? BootApi { get; set; }

    /// <summary>How long one question to the boot API may take: <c>5s</c> (the default), <c>10s</c>.</summary>
    public string? BootApiTimeout { get; set; }

    /// <summary><c>off</c> (the default); <c>quiet</c>: answer IPv6 router solicitations with an advertisement that configures nothing; <c>managed</c>: advertise the managed flag and the prefix, for DHCPv6 netboot.</summary>
    public string? RouterAdvertisements { get; set; }
}
