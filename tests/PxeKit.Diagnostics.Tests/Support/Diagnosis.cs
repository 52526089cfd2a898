using PxeKit.Core.Verdicts;
using PxeKit.Diagnostics.Engine;
using PxeKit.Diagnostics.Trace;

namespace PxeKit.Diagnostics.Tests.Support;

/// <summary>What the engine says of a capture, as pxekit trace runs it: every step the analyzer found, replayed in time order.</summary>
internal static class Diagnosis
{
    public static IReadOnlyList<Verdict> Of(TraceAnalyzer analyzer) =>
        DiagnosisEngine.Replay(analyzer.Clients.SelectMany(c => c.Events).OrderBy(e => e.Time));
}
