using System.Text;

namespace PxeKit.Server.Http;

/// <summary>Why a request target could not be turned into a path.</summary>
internal enum RequestTargetError
{
    None,
    /// <summary>Neither origin-form (<c>/path</c>) nor absolute-form (<c>http://host/path</c>).</summary>
    UnsupportedForm,
    /// <summary>A <c>%</c> not followed by two hex digits.</summary>
    BadPercentEncoding,
    /// <summary>A raw (not percent-encoded) non-ASCII character, which no URI may contain.</summary>
    NotAscii,
}

/// <summary>
/// The path of a request, taken from the request line as the client sent it and percent-decoded
/// exactly once (as Latin-1). Kestrel's own <c>Request.Path</c> is not used: it removes dot segments and keeps
/// <c>%2F</c> encoded, so the jail would judge a different string than the client sent.
/// </summary>
internal static class RequestTarget
{
    /// <summary>
    /// RFC 9112 section 3.2: <c>request-target = origin-form / absolute-form / authority-form / asterisk-form</c>;
    /// <c>origin-form = absolute-path [ "?" query ]</c>. Gives the decoded path with its leading slash.
    /// </summary>
    public static RequestTargetError TryGetPath(string rawTarget, out string path)
    {
        path = "";
        var raw = rawTarget.AsSpan();
        var query = raw.IndexOfAny('?', '#');
        if (query >= 0)
        {
            raw = raw[..query];
        }

        if (raw.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || raw.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            // absolute-form = absolute-URI: the path begins at the first '/' after the authority.
            var authority = raw[(raw.IndexOf("://", StringComparison.Ordinal) + 3)..];
            var slash = authority.IndexOf('/');
            raw = slash < 0 ? "/" : authority[slash..];
        }

        if (raw.IsEmpty || raw[0] != '/')
        {
            return RequestTargetError.UnsupportedForm;
        }

        var bytes = new byte[raw.Length];
        var length = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c == '%')
            {
                if (i + 2 >= raw.Length || !char.IsAsciiHexDigit(raw[i + 1]) || !char.IsAsciiHexDigit(raw[i + 2]))
                {
                    return RequestTargetError.BadPercentEncoding;
                }

                bytes[length++] = (byte)((HexValue(raw[i + 1]) << 4) | HexValue(raw[i + 2]));
                i += 2;
            }
            else if (c > 0x7F)
            {
                return RequestTargetError.NotAscii;
            }
            else
            {
                bytes[length++] = (byte)c;
            }
        }

        // Latin-1: every decoded byte becomes one character, so the jail judges exactly the bytes sent
        // (it refuses anything outside printable ASCII, %00 and %C3%A9 alike).
        path = Encoding.Latin1.GetString(bytes, 0, length);
        return RequestTargetError.None;
    }

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
