namespace PxeKit.Cli.Config;

/// <summary>The <c>management:</c> section: the listener of <c>/metrics</c>, the API and the dashboard; off when the section is not there.</summary>
public sealed class ManagementSection
{
    /// <summary>Default 127.0.0.1; another address needs <see cref="TokenFile"/>.</summary>
    public string? Address { get; set; }

    /// <summary>TCP port; default 9715.</summary>
    public int? Port { get; set; }

    /// <summary>An absolute path to a file holding the bearer token (one line), readable by no other user.</summary>
    public string? TokenFile { get; set; }
}
