using PxeKit.Server.Tftp;

namespace PxeKit.Cli.Config;

/// <summary>The <c>tftp:</c> section's limits as <see cref="TftpLimits"/>; what is not set keeps its default.</summary>
internal static class TftpSettings
{
    /// <summary>The limits, with every problem added to <paramref name="errors"/>.</summary>
    public static TftpLimits BuildLimits(TftpSection? section, List<string> errors)
    {
        var defaults = new TftpLimits();
        var limits = defaults with
        {
            MaxTransfers = section?.MaxTransfers ?? defaults.MaxTransfers,
            MaxTransfersPerClient = section?.MaxTransfersPerClient ?? defaults.MaxTransfersPerClient,
            TransferLifetime = Duration(section?.TransferLifetime, "tftp.transfer-lifetime", defaults.TransferLifetime, errors),
            MaxTimeout = Duration(section?.MaxTimeout, "tftp.max-timeout", defaults.MaxTimeout, errors),
        };
        errors.AddRange(limits.Validate().Select(m => m.TrimEnd('.')));
        return limits;
    }

    private static TimeSpan Duration(string? text, string key, TimeSpan fallback, List<string> errors)
    {
        if (text is null)
        {
            return fallback;
        }

        if (Durations.TryParse(text, out var duration))
        {
            return duration;
        }

        errors.Add($"{key} '{text}' is not a duration (like 90, 30s, 10m)");
        return fallback;
    }
}
