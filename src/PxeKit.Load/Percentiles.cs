namespace PxeKit.Load;

/// <summary>Nearest-rank percentiles of a set of durations.</summary>
public static class Percentiles
{
    /// <summary>The smallest value with at least <paramref name="percent"/> % of the values at or below it; zero for none.</summary>
    public static TimeSpan Of(IReadOnlyList<TimeSpan> values, double percent)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return TimeSpan.Zero;
        }

        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
