using PxeKit.Server.Files;

namespace PxeKit.Server.Http;

/// <summary>
/// The shared path jail seen from HTTP: the URL path without its leading slash is judged exactly as a
/// TFTP file name is; and the templates directory under that root, if any.
/// </summary>
internal sealed class HttpFileJail(string root, FileTemplates? templates)
{
    /// <summary>Longest decoded URL path judged at all; longer ones are refused as violations.</summary>
    public const int MaxPathLength = 1024;

    private readonly PathJail _jail = new(root, MaxPathLength);

    public string Root => _jail.Root;

    /// <summary>The templates directory: the files under it are rendered per client.</summary>
    public FileTemplates? Templates => templates;

    /// <param name="path">The decoded URL path, with its leading slash; the jail reads leading slashes as
    /// the root, so <c>//etc/passwd</c> can only mean <c>ROOT/etc/passwd</c>.</param>
    public PathJailResult Resolve(string path) => _jail.Resolve(path);
}
