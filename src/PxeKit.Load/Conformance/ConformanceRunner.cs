using System.Diagnostics;
using System.Net.Sockets;

namespace PxeKit.Load.Conformance;

/// <summary>Plays the selected cases one after the other against the server on the probe's interface.</summary>
public static class ConformanceRunner
{
    /// <summary>
    /// Runs the cases in suite order; <paramref name="progress"/> hears each result as it comes. A case that throws for
    /// network trouble (a socket error) fails with the error; the others still run.
    /// </summary>
    public static ConformanceReport Run(ConformanceOptions options, Action<ConformanceResult>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        using var probe = new ConformanceProbe(options);
        var results = new List<ConformanceResult>();
        foreach (var @case in ConformanceCases.Select(options.Only))
        {
            var clock = Stopwatch.StartNew();
            CaseVerdict verdict;
            try
            {
                verdict = @case.Run(probe);
            }
            catch (SocketException e)
            {
                verdict = CaseVerdict.Fail($"socket error {e.SocketErrorCode}: {e.Message}");
            }

            var result = new ConformanceResult(@case.Id, @case.Section, @case.Level, verdict.Outcome, verdict.Seen, Math.Round(clock.Elapsed.TotalSeconds, 2));
            results.Add(result);
            progress?.Invoke(result);
        }

        return new ConformanceReport(results);
    }
}
