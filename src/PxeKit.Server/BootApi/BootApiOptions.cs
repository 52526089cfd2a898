namespace PxeKit.Server.BootApi;

/// <summary>
/// The external boot API PxeKit asks what a machine boots (pixiecore's API mode): <c>GET Url/v1/boot/MAC</c>.
/// </summary>
public sealed record BootApiOptions
{
    /// <summary>The default of <see cref="Timeout"/>: 5 s.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The API's prefix, an absolute http or https URL: <c>http://provisioner:8080</c>, or one with a path.</summary>
    public required Uri Url { get; init; }

    /// <summary>How long one question may take, connection and whole answer included. Default: 5 s.</summary>
    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    /// <summary>How many machines' answers are kept at once; past it, the one used least recently goes. Default: 4096.</summary>
    public int CacheSize { get; init; } = 4096;

    /// <summary>
    /// How long an answer (a boot, or 404: not for this API) is used before the API is asked again. Default: 30 s, long
    /// enough for one boot's repeated script requests, short enough that a change at the API soon counts. Failures are
    /// never kept: the next request asks again.
    /// </summary>
    public TimeSpan CacheTtl { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The largest body read; a larger one is a failure. Default: 64 KiB.</summary>
    public int MaxReplyBytes { get; init; } = 64 * 1024;

    /// <summary>The URL asked about <paramref name="mac"/> (canonical: lower case with colons, as pixiecore sends it).</summary>
    public Uri RequestUrl(string mac) => new($"{Url.AbsoluteUri.TrimEnd('/')}/v1/boot/{mac}");

    /// <summary>Whether <paramref name="url"/> can be a boot API's prefix: absolute, http or https, no user info, no query.</summary>
    public static bool IsUsable(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);

        // A relative URI throws on UserInfo and the rest: asked only once it is known to be absolute.
        return url.IsAbsoluteUri
            && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
            && url.Host.Length > 0
            && url.UserInfo.Length == 0
            && url.Query.Length == 0
            && url.Fragment.Length == 0;
    }
}
