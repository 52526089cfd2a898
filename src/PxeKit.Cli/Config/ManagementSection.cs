namespace PxeKit.Cli.Config;

/// <summary>The <c>management:</c> section: the listener of <c>/metrics</c>; off when the section is not there.</summary>
public sealed class ManagementSection
{
    /// <summary>A loopback address; default 127.0.0.1.</summary>
    public string? Address { get; set; }

    /// <summary>TCP port; default 9715.</summary>
    public int? Port { get; set; }
}
