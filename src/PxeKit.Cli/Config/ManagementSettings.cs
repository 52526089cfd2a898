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

        var options = new ManagementOptions { Address = address, Port = port ?? section?.Port ?? ManagementOptions.DefaultPort };
        var mistakes = options.Validate();
        errors.AddRange(mistakes.Select(m => m.TrimEnd('.')));
        return mistakes.Count == 0 ? options : null;
    }
}
