using PxeKit.Core.Events;
using PxeKit.Core.Verdicts;
using PxeKit.Diagnostics.Engine;

namespace PxeKit.Diagnostics.Rules;

/// <summary>Fault k: the console shows the kernel's banner and the boot ended without the expected text.</summary>
public sealed class KernelWithoutMarkerRule : IFaultRule
{
    private BootEvent? _kernel;
    private bool _marker;

    public void Observe(BootEvent bootEvent, ClientState client, RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(bootEvent);
        _kernel ??= bootEvent.Step == BootStep.KernelStarted ? bootEvent : null;
        _marker |= bootEvent.Step == BootStep.Marker;
    }

    public void Finish(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (_kernel is { } kernel && !_marker)
        {
            context.Say(Verdict.Of(
                FaultId.KernelWithoutMarker,
                kernel.Mac ?? kernel.Address ?? "",
                "The kernel started but the expected text never appeared: the network boot worked, and what failed is in the kernel or its initramfs (command line, console, init).",
                "",
                "look at the console's last lines below, and at the kernel command line and the initramfs's init",
                kernel));
        }
    }
}
