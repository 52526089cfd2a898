using System.Globalization;

namespace PxeKit.Cli.Config;

/// <summary>Durations as people write them in configuration: <c>3600</c>, <c>90s</c>, <c>30m</c>, <c>12h</c>, <c>7d</c>.</summary>
public static class Durations
{
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        char unit = text[^1];
        var number = char.IsDigit(unit) ? text : text[..^1];
        if (!long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out long value) || value <= 0)
        {
            return false;
        }

        long? seconds = unit switch
        {
            's' or >= '0' and <= '9' => value,
            'm' => value * 60,
            'h' => value * 3600,
            'd' => value * 86400,
            _ => null,
        };
        if (seconds is null or > uint.MaxValue - 1)
        {
            return false;
        }

        duration = TimeSpan.FromSeconds(seconds.Value);
        return true;
    }
}
