namespace PxeKit.Cli.Config;

/// <summary>What was given on the command line of <c>serve</c>; these win over the file.</summary>
public sealed record ServeArguments
{
    public string? ConfigPath { get; init; }

    /// <summary>The interfaces named with <c>--interface</c>, in order; empty when none was.</summary>
    public IReadOnlyList<string> Interfaces { get; init; } = [];

    public string? Root { get; init; }

    public string? DhcpRange { get; init; }

    public string? BootFile { get; init; }

    public string? LeaseDb { get; init; }

    public bool? AllowWrite { get; init; }

    public bool NoDhcp { get; init; }

    public bool Proxy { get; init; }

    public int? HttpPort { get; init; }

    /// <summary><c>--management-port</c>: serve <c>/metrics</c> on 127.0.0.1 at this port.</summary>
    public int? ManagementPort { get; init; }

    public bool NoCapture { get; init; }

    /// <summary><c>--boot-api URL</c>: ask this external boot API what each machine boots (over <c>boot-api:</c>).</summary>
    public string? BootApi { get; init; }

    /// <summary><c>--router-advertisements off|quiet|managed</c> (over <c>router-advertisements:</c>).</summary>
    public string? RouterAdvertisements { get; init; }
}
