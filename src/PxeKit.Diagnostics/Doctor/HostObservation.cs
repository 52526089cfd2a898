namespace PxeKit.Diagnostics.Doctor;

/// <summary>Something the doctor checked and found fine, or worth knowing, in one sentence for people.</summary>
/// <param name="Check">The check's short name, e.g. <c>interface</c>, <c>ports</c>, <c>firewall</c>.</param>
/// <param name="Hint">What to do to learn more or change it (a command where there is one); null when nothing.</param>
public sealed record HostObservation(string Check, ObservationKind Kind, string Sentence, string? Hint = null)
{
    public static HostObservation Ok(string check, string sentence) => new(check, ObservationKind.Ok, sentence);

    public static HostObservation Info(string check, string sentence, string? hint = null) => new(check, ObservationKind.Info, sentence, hint);
}
