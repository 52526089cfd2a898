namespace PxeKit.Cli.Boot;

/// <summary>What <c>pxekit boot</c> (and <c>demo</c>) were asked for.</summary>
internal sealed record BootRequest
{
    /// <summary>The boot tree to serve; null for the fixtures.</summary>
    public string? Root { get; init; }

    public string BootFile { get; init; } = Lab.Fixtures.BootFixture.BootFileName;

    public string Nic { get; init; } = "e1000";

    /// <summary>Boot a kernel through an iPXE script over HTTP instead of pxelinux over TFTP.</summary>
    public bool Http { get; init; }

    /// <summary>PxeKit in proxy mode beside a third-party DHCP server (dnsmasq, addresses only).</summary>
    public bool Proxy { get; init; }

    public required string Marker { get; init; }

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Print the equivalent shell commands of every lab step.</summary>
    public bool Explain { get; init; }
}
