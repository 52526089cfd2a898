using PxeKit.Core.Events;

namespace PxeKit.Server.Boot;

/// <summary>Watches the journal for finished downloads and tells the policy, which uses up boot-once profiles.</summary>
public sealed class BootOnceTracker(ProfileBootPolicy policy) : IBootEventSink
{
    public void Write(BootEvent bootEvent)
    {
        ArgumentNullException.ThrowIfNull(bootEvent);
        if (bootEvent is { Step: BootStep.TftpComplete or BootStep.HttpComplete, Mac: { } mac, File: { } file })
        {
            policy.Delivered(mac, file);
        }
    }
}
