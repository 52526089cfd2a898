using PxeKit.Server.BootApi;

namespace PxeKit.Cli.Config;

/// <summary>The external boot API's settings from <c>--boot-api</c> and <c>boot-api:</c> / <c>boot-api-timeout:</c>: every mistake is listed.</summary>
internal static class BootApiSettings
{
    /// <summary>The longest <c>boot-api-timeout</c>: iPXE gives up on a script after about a minute.</summary>
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromSeconds(60);

    public static (Uri? Url, TimeSpan Timeout) Build(string? argument, PxeKitConfig config, List<string> errors)
    {
        var timeout = BootApiOptions.DefaultTimeout;
        if (config.BootApiTimeout is { } text && (!Durations.TryParse(text, out timeout) || timeout > MaxTimeout))
        {
            errors.Add($"boot-api-timeout '{text}' is not a duration from 1s to {MaxTimeout.TotalSeconds:0}s (5s, 10s)");
            timeout = BootApiOptions.DefaultTimeout;
        }

        var where = argument is null ? "boot-api:" : "--boot-api";
        if ((argument ?? config.BootApi) is not { } given)
        {
            if (config.BootApiTimeout is not null)
            {
                errors.Add("boot-api-timeout is set, and there is no boot-api: give the boot API's URL, or remove the timeout");
            }

            return (null, timeout);
        }

        if (!Uri.TryCreate(given.Trim(), UriKind.Absolute, out var url) || !BootApiOptions.IsUsable(url))
        {
            errors.Add($"{where} '{given}' is not an absolute http:// or https:// URL without user, query or fragment (http://provisioner:8080)");
            return (null, timeout);
        }

        return (url, timeout);
    }
}
