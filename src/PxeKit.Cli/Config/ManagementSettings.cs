using System.Net;
using PxeKit.Host.Management;

namespace PxeKit.Cli.Config;

/// <summary>The management listener's settings from <c>--management-port</c> and the <c>management:</c> section; null when off.</summary>
internal static class ManagementSettings
{
    public static ManagementOptions? Build(int? port, ManagementSection? section, List<string> errors)
    {
        if (port is null && section is null)
        {
            return null;
        }

        var address = IPAddress.Loopback;
        if (section?.Address is { } text && !IPAddress.TryParse(text, out address!))
        {
            errors.Add($"management.address '{text}' is not an IP address");
            return null;
        }

        string? token = null;
        if (section?.TokenFile is { } tokenFile)
        {
            token = ReadToken(tokenFile, errors);
            if (token is null)
            {
                return null;
            }
        }

        var options = new ManagementOptions { Address = address, Port = port ?? section?.Port ?? ManagementOptions.DefaultPort, Token = token };
        var mistakes = options.Validate();
        errors.AddRange(mistakes.Select(m => m.TrimEnd('.')));
        return mistakes.Count == 0 ? options : null;
    }

    /// <summary>The token in <paramref name="path"/> (its first line, trimmed), read as the user serve starts as; null with the reason in <paramref name="errors"/>.</summary>
    private static string? ReadToken(string path, List<string> errors)
    {
        if (!Path.IsPathFullyQualified(path))
        {
            errors.Add($"management.token-file '{path}' is not an absolute path");
            return null;
        }

        try
        {
            if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & (UnixFileMode.OtherRead | UnixFileMode.OtherWrite)) != 0)
            {
                errors.Add($"management.token-file {path} can be read by every user of this host: chmod 600 it (or 640 with the serving user's group)");
                return null;
            }

            var token = File.ReadLines(path).FirstOrDefault()?.Trim();
            if (string.IsNullOrEmpty(token))
            {
                errors.Add($"management.token-file {path} is empty: put a long random token in it (openssl rand -hex 32 > {path})");
                return null;
            }

            return token;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.Add($"management.token-file {path} cannot be read ({e.Message})");
            return null;
        }
    }
}
