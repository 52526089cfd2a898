using PxeKit.Core.Events;
using PxeKit.Core.Verdicts;

namespace PxeKit.Diagnostics.Engine;

/// <summary>
/// The engine run live beside a journal (serve): it reads every event the journal delivers, a timer lets grace
/// periods end while nothing happens, and each verdict goes back into the journal as a <see cref="BootStep.Diagnosis"/>
/// event, right after the event that completed its evidence.
/// </summary>
public sealed class LiveDiagnosis : IDisposable
{
    /// <summary>How often time is given to the rules while no event comes.</summary>
    public static readonly TimeSpan TickEvery = TimeSpan.FromMilliseconds(250);

    private readonly ITimer _timer;

    private LiveDiagnosis(DiagnosisEngine engine, ITimer timer)
    {
        Engine = engine;
        _timer = timer;
    }

    public DiagnosisEngine Engine { get; }

    public static LiveDiagnosis Attach(BootJournal journal, EngineOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(time);
        var engine = new DiagnosisEngine(FaultRules.All(), options, verdict => journal.Record(verdict.ToEvent(time.GetUtcNow(), SourceOf(verdict))));
        journal.Attach(engine);
        var timer = time.CreateTimer(_ => engine.Tick(time.GetUtcNow()), null, TickEvery, TickEvery);
        return new LiveDiagnosis(engine, timer);
    }

    /// <summary>A verdict's event carries the source of its first evidence (what it was seen by).</summary>
    private static EvidenceSource SourceOf(Verdict verdict) => verdict.Evidence is [var first, ..] ? first.Source : EvidenceSource.Server;

    public void Dispose()
    {
        _timer.Dispose();
        Engine.Dispose();
    }
}
