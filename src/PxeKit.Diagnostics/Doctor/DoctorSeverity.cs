namespace PxeKit.Diagnostics.Doctor;

/// <summary>How much a doctor finding matters, from "nothing to do" to "machines will not boot".</summary>
public enum DoctorSeverity
{
    /// <summary>Checked and fine.</summary>
    Ok,

    /// <summary>Worth knowing; nothing to fix.</summary>
    Info,

    /// <summary>Some machines may fail to boot, or a setting invites trouble.</summary>
    Warning,

    /// <summary>Machines will not boot until this is fixed.</summary>
    Error,
}
