namespace PxeKit.Diagnostics.Doctor;

/// <summary>
/// What an observation of the doctor's is: checked and fine, or worth knowing. What stops a boot is never an
/// observation: it is a verdict of the diagnosis engine, with the same fault id and fix as every other tool's.
/// </summary>
public enum ObservationKind
{
    /// <summary>Checked and fine.</summary>
    Ok,

    /// <summary>Worth knowing; nothing to fix.</summary>
    Info,
}
