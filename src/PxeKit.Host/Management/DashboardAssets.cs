using Microsoft.AspNetCore.Http;

namespace PxeKit.Host.Management;

/// <summary>
/// The web dashboard's files (docs/dashboard.md): plain HTML, JavaScript and CSS embedded in this assembly, no build step,
/// nothing read from the file system. <c>/</c> is the page; <c>/dashboard/FILE</c> is one of its files by its exact name.
/// Every other path is not the dashboard's. The page reads the management API itself from the browser.
/// </summary>
public static class DashboardAssets
{
    /// <summary>Where the page's files are served: <c>/dashboard/</c> followed by a file name.</summary>
    public const string Prefix = "/dashboard/";

    private const string ResourcePrefix = "PxeKit.Host.Management.Dashboard.";

    // Each file by its name under Prefix: its manifest resource (a constant, so trimming keeps it) and its content type.
    private static readonly (string Name, string ContentType)[] Files =
    [
        ("index.html", "text/html; charset=utf-8"),
        ("dashboard.js", "text/javascript; charset=utf-8"),
        ("dashboard.css", "text/css; charset=utf-8"),
    ];

    private static readonly Lazy<Dictionary<string, ReadOnlyMemory<byte>>> Bodies = new(Load);

    /// <summary>
    /// The file for a request path: <c>/</c> gives index.html, <c>/dashboard/NAME</c> the file NAME; the path is compared
    /// exactly (no decoding, no query, case-sensitive). False for any other path.
    /// </summary>
    public static bool TryGet(string path, out ReadOnlyMemory<byte> body, out string contentType)
    {
        var name = path switch
        {
            "/" => "index.html",
            _ when path is not null && path.StartsWith(Prefix, StringComparison.Ordinal) => path[Prefix.Length..],
            _ => null,
        };
        foreach (var file in Files)
        {
            if (string.Equals(file.Name, name, StringComparison.Ordinal))
            {
                body = Bodies.Value[file.Name];
                contentType = file.ContentType;
                return true;
            }
        }

        body = default;
        contentType = "";
        return false;
    }

    /// <summary>
    /// Answers a request for the dashboard (<see cref="TryGet"/>'s paths) and returns true: GET and HEAD get the file,
    /// another method 405. Returns false, answering nothing, for any other path. No token is asked for: the page holds
    /// nothing of the server's; the API it reads does.
    /// </summary>
    public static async Task<bool> TryServeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (!TryGet(request.Path.Value ?? "", out var body, out var contentType))
        {
            return false;
        }

        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            await ManagementApi.NotAllowedAsync(context, "GET, HEAD").ConfigureAwait(false);
            return true;
        }

        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = contentType;
        response.ContentLength = body.Length;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
        // The page's own policy (index.html) and what only a header can say: no other site may frame it.
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        if (!HttpMethods.IsHead(request.Method))
        {
            await response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>Everything from this server only, no inline script, and no framing by another site.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static Dictionary<string, ReadOnlyMemory<byte>> Load()
    {
        var bodies = new Dictionary<string, ReadOnlyMemory<byte>>(StringComparer.Ordinal);
        foreach (var (name, _) in Files)
        {
            bodies[name] = EmbeddedFile.Read(ResourcePrefix + name);
        }

        return bodies;
    }
}
