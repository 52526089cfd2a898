using System.Security.Cryptography;
using PxeKit.Cli.Commands;
using PxeKit.Cli.Rendering;
using PxeKit.Core.Events;
using PxeKit.Core.Processes;
using PxeKit.Diagnostics.Doctor;
using PxeKit.Diagnostics.Engine;
using PxeKit.Lab.Qemu;

namespace PxeKit.Cli.Boot;

/// <summary>
/// <c>pxekit boot --bridge-to BRIDGE</c>, the article's setup: a tap on an existing bridge, so the VM network-boots from
/// whatever PXE server is on that network (not PxeKit). What happened is read from a capture on the tap: the same
/// timeline and the same verdicts as <c>pxekit trace</c>, plus the VM's console. The tap is removed afterwards.
/// </summary>
internal sealed class BridgedBoot(BootRequest request, string bridge, TextWriter output, TextWriter progress)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        if (!BridgeNetfilter.IsBridge(bridge))
        {
            await progress.WriteLineAsync(Directory.Exists($"/sys/class/net/{bridge}")
                ? $"pxekit: {bridge} is not a bridge. --bridge-to attaches the VM's tap to an existing bridge; to boot on a NIC's network, put the NIC in a bridge first "
                    + "(ip link add br0 type bridge; ip link set eth0 master br0; move eth0's address to br0). That changes the host's network, so PxeKit leaves it to you."
                : $"pxekit: there is no interface {bridge} here.").ConfigureAwait(false);
            return ExitCodes.BadConfiguration;
        }

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
        catch (CommandException e)
        {
            await progress.WriteLineAsync($"pxekit: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
        finally
        {
            await runner.RunAsync(new Command("ip", "link", "del", tap), CancellationToken.None).ConfigureAwait(false);
            work.Delete(recursive: true);
        }
    }

    private async Task<int> BootAsync(string tap, string work, CancellationToken cancellationToken)
    {
        var collected = new CollectingSink();
        var journal = new BootJournal(new ConsoleJournalSink(progress), collected);
        var capture = TapCapture.Start(tap, journal, out var error);
        if (capture is null)
        {
            await progress.WriteLineAsync($"pxekit: cannot capture on {tap} ({error}); without it there is no timeline.").ConfigureAwait(false);
            return ExitCodes.Failure;
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

        await output.WriteLineAsync($"Boot timeline ({what}; from a capture on the tap; times from the VM's start):").ConfigureAwait(false);
        await output.WriteAsync(Timeline.Render(collected.Events, start)).ConfigureAwait(false);
        await output.WriteLineAsync(result.Summary).ConfigureAwait(false);
        if (result.Succeeded)
        {
            return ExitCodes.Success;
        }

        // The tap's capture and the console are the whole evidence: the same rules as pxekit trace, and the console's.
        var causes = DiagnosisEngine.Replay(collected.Events).Select(v => v.Text).Distinct().ToList();
        foreach (var cause in causes)
        {
            await output.WriteLineAsync("Cause: " + ConsoleJournalSink.Printable(cause)).ConfigureAwait(false);
        }

        await output.WriteLineAsync("Last lines on the VM's console:").ConfigureAwait(false);
        foreach (var line in result.LastLines)
        {
            await output.WriteLineAsync("  | " + line).ConfigureAwait(false);
        }

        return ExitCodes.Failure;
    }
}
