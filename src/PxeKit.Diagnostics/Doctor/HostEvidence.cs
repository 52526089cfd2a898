using PxeKit.Core.Events;

namespace PxeKit.Diagnostics.Doctor;

/// <summary>An event of the host's inspection, stamped now.</summary>
internal static class HostEvidence
{
    public static BootEvent Of(BootStep step, TimeProvider? time = null) => new()
    {
        Time = (time ?? TimeProvider.System).GetUtcNow(),
        Step = step,
        Source = EvidenceSource.Host,
    };
}
