namespace PxeKit.Cli.Config;

/// <summary>The <c>http:</c> section: PxeKit's HTTP boot server, serving the same root.</summary>
public sealed class HttpSection
{
    /// <summary>Port; default 80. 0 turns the HTTP server off.</summary>
    public int? Port { get; set; }

    /// <summary>Connections open at once, from everyone; default 512.</summary>
    public int? MaxConnections { get; set; }

    /// <summary>Connections open at once from one address; default 32.</summary>
    public int? MaxConnectionsPerAddress { get; set; }
}
