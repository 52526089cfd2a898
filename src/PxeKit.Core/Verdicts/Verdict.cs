using PxeKit.Core.Events;

namespace PxeKit.Core.Verdicts;

/// <summary>
/// Why a boot fails: one fault, about one client, with its cause, the evidence and the fix. Every tool
/// (serve, trace, boot, doctor) says a fault with the same verdict, whichever source showed it.
/// </summary>
public sealed record Verdict
{
    public required FaultId Fault { get; init; }

    /// <summary>The client's MAC, or its address when nothing tied it to a MAC; empty for a fault of the whole segment or host.</summary>
    public required string Client { get; init; }

    /// <summary>What is wrong, in one sentence.</summary>
    public required string Cause { get; init; }

    /// <summary>What the evidence shows, with the addresses, files and counts; empty when the cause says it all.</summary>
    public string Seen { get; init; } = "";

    /// <summary>What to change, in plain words and commands.</summary>
    public required string Fix { get; init; }

    public Confidence Confidence { get; init; } = Confidence.Certain;

    /// <summary>The events that show it, oldest first.</summary>
    public IReadOnlyList<EvidenceRef> Evidence { get; init; } = [];

    /// <summary>The verdict as one paragraph: the cause, what shows it, then the fix.</summary>
    public string Text => Seen.Length == 0 ? $"{Cause} Fix: {Fix}" : $"{Cause} {Seen} Fix: {Fix}";

    public static Verdict Of(FaultId fault, string client, string cause, string seen, string fix, params IEnumerable<BootEvent> evidence) => new()
    {
        Fault = fault,
        Client = client,
        Cause = cause,
        Seen = seen,
        Fix = fix,
        Evidence = [.. evidence.Select(EvidenceRef.Of)],
    };

    /// <summary>The verdict as a journal event (<see cref="BootStep.Diagnosis"/>) of the client it is about.</summary>
    public BootEvent ToEvent(DateTimeOffset time, EvidenceSource source) => new()
    {
        Time = time,
        Step = BootStep.Diagnosis,
        Source = source,
        Mac = Client.Contains(':', StringComparison.Ordinal) ? Client : null,
        Address = Client.Contains(':', StringComparison.Ordinal) || Client.Length == 0 ? null : Client,
        Verdict = this,
        Detail = Text,
    };

    public override string ToString() => Text;
}
