namespace PxeKit.Cli.Config;

/// <summary>A profile's <c>menu:</c>: an iPXE menu of other profiles.</summary>
public sealed class MenuSection
{
    public string? Title { get; set; }

    /// <summary>The profiles offered, by name: each boots a kernel or the local disk.</summary>
    public List<string>? Items { get; set; }

    /// <summary>The item booted when nobody chooses within <see cref="Timeout"/>.</summary>
    public string? Default { get; set; }

    /// <summary>Seconds, or a number with s or m; default 10s. Only with a default.</summary>
    public string? Timeout { get; set; }
}
