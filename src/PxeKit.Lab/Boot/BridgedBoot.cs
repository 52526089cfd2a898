using System.Security.Cryptography;
using PxeKit.Core.Events;
using PxeKit.Core.Processes;
using PxeKit.Diagnostics.Engine;
using PxeKit.Lab.Qemu;

namespace PxeKit.Lab.Boot;

/// <summary>
/// <c>pxekit boot --bridge-to BRIDGE</c>, the article's setup: a tap on an existing bridge, so the VM network-boots from
/// whatever PXE server is on that network (not PxeKit). What happened is read from a capture on the tap: the same
/// timeline and the same verdicts as <c>pxekit trace</c>, plus the VM's console. The tap is removed afterwards. A step
/// that fails throws <see cref="CommandException"/>.
/// </summary>
/// <param name="bridge">An existing bridge (the caller checked that it is one).</param>
/// <param name="live">Where each event goes as it happens (the terminal).</param>
/// <param name="progress">Where the steps are said (and, with <see cref="BootRequest.Explain"/>, their shell commands).</param>
public sealed class BridgedBoot(BootRequest request, string bridge, IBootEventSink live, TextWriter progress)
{
    public async Task<LabBootOutcome> RunAsync(CancellationToken cancellationToken)
    {
        var runner = new ProcessCommandRunner(request.Explain ? progress : null);
        var tap = "pxkbt" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(2));
        var work = Directory.CreateTempSubdirectory("pxekit-boot-");
        try
        {
            foreach (var step in new[]
            {
                new Command("ip", "tuntap", "add", "dev", tap, "mode", "tap"),
                new Command("ip", "link", "set", tap, "master", bridge),
                new Command("ip", "link", "set", tap, "up"),
            })
            {
                (await runner.RunAsync(step, cancellationToken).ConfigureAwait(false)).ThrowIfFailed($"Attaching a tap to {bridge}");
            }

            return await BootAsync(tap, work.FullName, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await runner.RunAsync(new Command("ip", "link", "del", tap), CancellationToken.None).ConfigureAwait(false);
            work.Delete(recursive: true);
        }
    }

    private async Task<LabBootOutcome> BootAsync(string tap, string work, CancellationToken cancellationToken)
    {
        var collected = new CollectingSink();
        var journal = new BootJournal(live, collected);
        var capture = TapCapture.Start(tap, journal, out var error);
        if (capture is null)
        {
            throw new CommandException($"cannot capture on {tap} ({error}); without it there is no timeline.");
        }

        await using var captureLifetime = capture;
        var qemu = new QemuOptions
        {
            Firmware = request.Firmware,
            Nic = request.Nic,
            NicOptionRom = request.Firmware == QemuFirmware.Bios,
            HttpBootOnly = request.Firmware == QemuFirmware.Uefi && request.Http,
            Namespace = null,
            Tap = tap,
            Marker = request.Marker,
            Timeout = request.Timeout,
            SerialLogPath = Path.Combine(work, "serial.log"),
        };
        var what = $"{(request.Firmware == QemuFirmware.Bios ? "BIOS" : "UEFI")}, {request.Nic}, tap {tap} on {bridge}";
        await progress.WriteLineAsync($"pxekit: network-booting a VM from whatever PXE server answers on {bridge} ({what}); it takes 15 to 40 s with software emulation.").ConfigureAwait(false);
        if (request.Explain)
        {
            await progress.WriteLineAsync("+ " + QemuCommandLine.Build(qemu, qemu.SerialLogPath, null).ToShell()).ConfigureAwait(false);
        }

        var start = DateTimeOffset.UtcNow;
        var result = await new QemuRunner(journal).RunAsync(qemu, cancellationToken).ConfigureAwait(false);
        await capture.StopAsync().ConfigureAwait(false);

        var outcome = new LabBootOutcome { Description = what, Start = start, Events = collected.Events, Result = result };
        if (result.Succeeded)
        {
            return outcome;
        }

        // The tap's capture and the console are the whole evidence: the same rules as pxekit trace, and the console's.
        return outcome with { Causes = [.. DiagnosisEngine.Replay(collected.Events).DistinctBy(v => v.Text)] };
    }
}
