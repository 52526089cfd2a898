using System.Globalization;

namespace PxeKit.Reliability.Tests.Support;

/// <summary>What a process holds, as the kernel tells it: resident memory (VmRSS) and open descriptors.</summary>
/// <param name="RssKiB">VmRSS from /proc/PID/status, in KiB.</param>
/// <param name="Descriptors">Entries of /proc/PID/fd.</param>
internal readonly record struct PxrProcessUsage(long RssKiB, int Descriptors)
{
    public double RssMiB => RssKiB / 1024.0;

    /// <summary>The usage now, or null when the process is gone.</summary>
    public static PxrProcessUsage? Of(int pid)
    {
        try
        {
            var rss = File.ReadLines($"/proc/{pid}/status")
                .Where(line => line.StartsWith("VmRSS:", StringComparison.Ordinal))
                .Select(line => long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture))
                .FirstOrDefault();
            return new PxrProcessUsage(rss, Directory.GetFileSystemEntries($"/proc/{pid}/fd").Length);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The larger of each figure.</summary>
    public PxrProcessUsage Max(PxrProcessUsage other) =>
        new(Math.Max(RssKiB, other.RssKiB), Math.Max(Descriptors, other.Descriptors));

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{RssMiB:F1} MB RSS, {Descriptors} descriptors");
}
