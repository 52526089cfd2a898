namespace PxeKit.Server.Files;

/// <summary>A template file rendered for one client: its bytes, or why it cannot be served to that client.</summary>
public readonly record struct TemplateRendering
{
    /// <summary>The rendered text, UTF-8; null when refused.</summary>
    public byte[]? Content { get; private init; }

    /// <summary>Why the file is not served, for the log and the journal; null when rendered.</summary>
    public string? Refusal { get; private init; }

    public static TemplateRendering Rendered(byte[] content) => new() { Content = content };

    public static TemplateRendering Refused(string reason) => new() { Refusal = reason };
}
