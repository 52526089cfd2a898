namespace PxeKit.Cli.Config;

/// <summary>The <c>http:</c> section: PxeKit's HTTP boot server, serving the same root.</summary>
public sealed class HttpSection
{
    /// <summary>Port; default 80. 0 turns the HTTP server off.</summary>
    public int? Port { get; set; }
}
