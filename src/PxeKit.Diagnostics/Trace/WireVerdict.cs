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
}
