using System.Globalization;

namespace PxeKit.Diagnostics.Trace;

/// <summary>The first line of an HTTP/1.x message (RFC 9112 section 3 and 4) and its Content-Length header.</summary>
internal static class HttpHead
{
    // request-line = method SP request-target SP HTTP-version
    public static bool TryParseRequest(string line, out string method, out string path)
    {
        method = path = "";
        var parts = line.Split(' ');
        if (parts.Length != 3 || parts[0] is not ("GET" or "HEAD") || !parts[2].StartsWith("HTTP/1.", StringComparison.Ordinal))
        {
            return false;
        }

        method = parts[0];
        path = parts[1];
        return true;
    }

    // status-line = HTTP-version SP status-code SP [ reason-phrase ]
    public static bool TryParseStatus(string line, out int status, out string reason)
    {
        status = 0;
        reason = "";
        if (!line.StartsWith("HTTP/1.", StringComparison.Ordinal) || line.Length < 12 || line[8] != ' ')
        {
            return false;
        }

        if (!int.TryParse(line.AsSpan(9, 3), NumberStyles.None, CultureInfo.InvariantCulture, out status))
        {
            return false;
        }

        reason = line.Length > 13 ? line[13..] : "";
        return true;
    }

    public static long? ContentLength(string head)
    {
        foreach (var line in head.Split('\n'))
        {
            var trimmed = line.TrimEnd('\r');
            if (trimmed.Length == 0)
            {
                break;
            }

            int colon = trimmed.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && trimmed[..colon].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase)
                && long.TryParse(trimmed[(colon + 1)..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out long length))
            {
                return length;
            }
        }

        return null;
    }
}
