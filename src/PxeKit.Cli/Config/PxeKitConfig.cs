namespace PxeKit.Cli.Config;

/// <summary>The YAML configuration file, as written. Every value is optional here; validation says what is missing.</summary>
public sealed class PxeKitConfig
{
    public string? Interface { get; set; }

    public string? Root { get; set; }

    public string? Bootfile { get; set; }

    public string? LeaseDb { get; set; }

    public DhcpSection? Dhcp { get; set; }

    public TftpSection? Tftp { get; set; }
}
