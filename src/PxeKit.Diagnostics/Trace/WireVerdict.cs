using PxeKit.Core.Events;

namespace PxeKit.Diagnostics.Trace;

/// <summary>Why a boot seen on the wire failed: the cause, the packets that show it, and what to change.</summary>
/// <param name="Client">The client's MAC (or address, when no DHCP named it).</param>
/// <param name="Cause">One sentence naming the fault.</param>
/// <param name="Evidence">What the capture shows, with addresses, files and counts.</param>
/// <param name="Fix">What to change, in plain words.</param>
public sealed record WireVerdict(string Client, string Cause, string Evidence, string Fix)
{
    /// <summary>The verdict as one paragraph.</summary>
    public override string ToString() => $"{Cause} {Evidence} Fix: {Fix}";

    /// <summary>The verdict as a journal event (<see cref="BootStep.Diagnosis"/>), as the server records its own verdicts.</summary>
    public BootEvent ToBootEvent(DateTimeOffset time) => new()
    {
        Time = time,
        Step = BootStep.Diagnosis,
        Mac = Client.Contains(':', StringComparison.Ordinal) ? Client : null,
        Address = Client.Contains(':', StringComparison.Ordinal) ? null : Client,
        Detail = ToString(),
    };
}
