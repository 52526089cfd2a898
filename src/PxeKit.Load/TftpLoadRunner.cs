using System.Diagnostics;

namespace PxeKit.Load;

/// <summary>
/// Many TFTP downloads of the same file at once, each on its own thread, all started together and all
/// stopped at the deadline. A download whose SHA-256 differs from the expected one (or, without one,
/// from the hash most downloads agree on) counts as a failure.
/// </summary>
public static class TftpLoadRunner
{
    public const int MaxClients = 2000;

    public static LoadReport Run(TftpDownloadOptions options, int clients, TimeSpan limit, string? expectedSha256 = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(clients, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(clients, MaxClients);
        var results = new TftpDownloadResult[clients];
        using var start = new ManualResetEventSlim();
        var deadline = DateTime.UtcNow + limit;
        var threads = new Thread[clients];
        for (var i = 0; i < clients; i++)
        {
            var index = i;
            threads[i] = new Thread(() =>
            {
                start.Wait();
                results[index] = new TftpDownload(options).Run(deadline);
            }, maxStackSize: 256 * 1024)
            { IsBackground = true, Name = $"tftp-load-{i}" };
            threads[i].Start();
        }

        var wall = Stopwatch.StartNew();
        start.Set();
        foreach (var thread in threads)
        {
            thread.Join();
        }

        wall.Stop();
        var expected = expectedSha256?.ToLowerInvariant()
            ?? results.Where(r => r.Succeeded).GroupBy(r => r.Sha256).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefault()
            ?? "";
        var failures = new List<string>();
        var times = new List<TimeSpan>();
        foreach (var result in results)
        {
            if (!result.Succeeded)
            {
                failures.Add(result.Error!);
            }
            else if (result.Sha256 != expected)
            {
                failures.Add($"SHA-256 {result.Sha256} differs from {expected}");
            }
            else
            {
                times.Add(result.Elapsed);
            }
        }

        return new LoadReport
        {
            Kind = "tftp",
            Clients = clients,
            Failures = failures,
            Wall = wall.Elapsed,
            Bytes = results.Sum(r => r.Bytes),
            Times = times,
            Sha256 = expected,
        };
    }
}
