namespace PxeKit.Server.Http;

/// <summary>
/// Content types of served files. Boot firmware does not look at them; only scripts and configuration
/// files are marked as text so that a person with a browser or curl can read them.
/// </summary>
internal static class HttpContentTypes
{
    public const string Text = "text/plain";

    public const string Binary = "application/octet-stream";

    public static string ForPath(string path) => Path.GetExtension(path).ToUpperInvariant() switch
    {
        ".IPXE" or ".CFG" or ".TXT" => Text,
        _ => Binary,
    };
}
