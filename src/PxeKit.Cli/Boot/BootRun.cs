using PxeKit.Cli.Commands;
using PxeKit.Cli.Rendering;
using PxeKit.Core.Processes;
using PxeKit.Diagnostics.Doctor;
using PxeKit.Lab.Boot;
using PxeKit.Lab.Fixtures;
using PxeKit.Lab.Qemu;

namespace PxeKit.Cli.Boot;

/// <summary>
/// A lab boot (<see cref="LabBoot"/>, <see cref="BridgedBoot"/>) run for the terminal: the fixtures built if needed,
/// each event shown live on <paramref name="progress"/>, the report on <paramref name="output"/>, and the exit status.
/// </summary>
internal sealed class BootRun(TextWriter output, TextWriter progress)
{
    /// <summary>A VM boots from PxeKit in the lab (<c>pxekit boot</c>, <c>pxekit demo</c>).</summary>
    public async Task<int> LabAsync(BootRequest request, CancellationToken cancellationToken)
    {
        var root = request.Root ?? await FixturesAsync(request.Firmware, cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return ExitCodes.Failure;
        }

        var boot = new LabBoot(request, SelfCommand.Create, new ConsoleJournalSink(progress), progress);
        return await ReportAsync(() => boot.RunAsync(root, cancellationToken), "").ConfigureAwait(false);
    }

    /// <summary>A VM boots from whatever answers on <paramref name="bridge"/> (<c>pxekit boot --bridge-to</c>).</summary>
    public async Task<int> BridgedAsync(BootRequest request, string bridge, CancellationToken cancellationToken)
    {
        if (!BridgeNetfilter.IsBridge(bridge))
        {
            await progress.WriteLineAsync(Directory.Exists($"/sys/class/net/{bridge}")
                ? $"pxekit: {bridge} is not a bridge. --bridge-to attaches the VM's tap to an existing bridge; to boot on a NIC's network, put the NIC in a bridge first "
                    + "(ip link add br0 type bridge; ip link set eth0 master br0; move eth0's address to br0). That changes the host's network, so PxeKit leaves it to you."
                : $"pxekit: there is no interface {bridge} here.").ConfigureAwait(false);
            return ExitCodes.BadConfiguration;
        }

        var boot = new BridgedBoot(request, bridge, new ConsoleJournalSink(progress), progress);
        return await ReportAsync(() => boot.RunAsync(cancellationToken), "; from a capture on the tap").ConfigureAwait(false);
    }

    private async Task<int> ReportAsync(Func<Task<LabBootOutcome>> boot, string source)
    {
        LabBootOutcome outcome;
        try
        {
            outcome = await boot().ConfigureAwait(false);
        }
        catch (CommandException e)
        {
            await progress.WriteLineAsync($"pxekit: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        await BootReport.WriteAsync(outcome, source, output).ConfigureAwait(false);
        return outcome.Succeeded ? ExitCodes.Success : ExitCodes.Failure;
    }

    /// <summary>The fixtures' boot tree for the architecture, built if missing; null (said why) on failure.</summary>
    private async Task<string?> FixturesAsync(QemuFirmware firmware, CancellationToken cancellationToken) =>
        firmware == QemuFirmware.UefiArm64
            ? await FixturesCommand.EnsureArm64Async(new FixtureOptions(), progress, cancellationToken).ConfigureAwait(false)
            : (await FixturesCommand.EnsureAsync(new FixtureOptions(), progress, cancellationToken).ConfigureAwait(false))?.Directory;
}
