using PxeKit.Cli.Commands;
using PxeKit.Cli.Rendering;
using PxeKit.Core.Events;
using PxeKit.Core.Processes;
using PxeKit.Core.Verdicts;
using PxeKit.Diagnostics.Engine;
using PxeKit.Lab.Fixtures;
using PxeKit.Lab.Network;
using PxeKit.Lab.Qemu;

namespace PxeKit.Cli.Boot;

/// <summary>
/// One boot in the lab, start to end: the lab network (made if missing, removed again if made here),
/// <c>pxekit serve</c> inside it, a QEMU VM on its tap, the journal of both shown live on standard
/// error, and the timeline on standard output. Everything started here is ended by its PID, also on
/// Ctrl-C and on failure.
/// </summary>
internal sealed class LabBoot(BootRequest request, TextWriter output, TextWriter progress)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var root = request.Root ?? await FixturesAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return ExitCodes.Failure;
        }

        var work = Directory.CreateTempSubdirectory("pxekit-boot-");
        var lab = new LabNetwork(new LabNetworkOptions(), new ProcessCommandRunner(request.Explain ? progress : null));
        bool madeLab = false;
        try
        {
            madeLab = await EnsureLabAsync(lab, cancellationToken).ConfigureAwait(false);
            return await BootAsync(lab, root, work.FullName, cancellationToken).ConfigureAwait(false);
        }
        catch (CommandException e)
        {
            await progress.WriteLineAsync($"pxekit: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
        finally
        {
            if (madeLab)
            {
                await lab.DownAsync(CancellationToken.None).ConfigureAwait(false);
            }

            work.Delete(recursive: true);
        }
    }

    /// <summary>
    /// The <c>serve</c> command line for this boot: pxelinux over TFTP by default; with --http a kernel
    /// profile (in a configuration file written here), booted by iPXE over HTTP.
    /// </summary>
    private string[] ServeArguments(LabNetwork lab, string root, string work, string eventsPath)
    {
        var arguments = new List<string> { "serve", "--interface", lab.Options.Bridge, "--root", root, "--lease-db", ":memory:", "--events", eventsPath };
        if (request.Firmware == QemuFirmware.UefiArm64)
        {
            arguments.AddRange(["--bootfile", Arm64BootFixture.BootFileName]);
        }
        else if (request.BootFile is { } bootFile)
        {
            arguments.AddRange(["--bootfile", bootFile]);
        }
        else if (request.Http || request.Firmware == QemuFirmware.Uefi)
        {
            var config = Path.Combine(work, "pxekit.yaml");
            File.WriteAllText(config, $"profiles:\n  - name: lab-linux\n    kernel: {BootFixture.Kernel}\n    initrd: [{BootFixture.Initrd}]\n    cmdline: {BootFixture.KernelCommandLine}\n");
            arguments.AddRange(["--config", config]);
        }
        else
        {
            arguments.AddRange(["--bootfile", BootFixture.BootFileName]);
        }

        if (request.Proxy)
        {
            arguments.Add("--proxy");
        }
        else if (request.NoDhcp)
        {
            arguments.Add("--no-dhcp");
        }

        return [.. arguments];
    }

    /// <summary>For --explain only: QEMU runs on a per-run copy of OVMF's variable store.</summary>
    private static string? ExplainedVarsPath(QemuOptions qemu) =>
        qemu.Firmware == QemuFirmware.Uefi ? "COPY-OF-" + Path.GetFileName(qemu.OvmfVarsTemplatePath) : null;

    private string Describe()
    {
        var path = request.BootFile is { } bootFile && request.Firmware != QemuFirmware.UefiArm64
            ? $"{(request.Firmware == QemuFirmware.Bios ? "BIOS" : "UEFI")}, {bootFile} over TFTP"
            : (request.Firmware, request.Http) switch
        {
            (QemuFirmware.Bios, false) => "BIOS, pxelinux over TFTP",
            (QemuFirmware.Bios, true) => "BIOS, iPXE, kernel over HTTP",
            (QemuFirmware.UefiArm64, _) => "arm64 UEFI, edk2 PXE, GRUB, kernel over TFTP",
            (_, false) => "UEFI, edk2 PXE, iPXE over TFTP, kernel over HTTP",
            (_, true) => "UEFI HTTP Boot, iPXE, kernel over HTTP",
        };
        return $"{path}, {request.Nic}{(request.Proxy ? ", PxeKit as proxyDHCP beside dnsmasq" : request.OtherDhcp ? ", a second DHCP server (dnsmasq) on the network" : request.NoDhcp ? ", DHCP from dnsmasq only, PxeKit serving files" : "")}";
    }

    /// <summary>The fixtures' boot tree for the requested architecture, built if missing; null (said why) on failure.</summary>
    private async Task<string?> FixturesAsync(CancellationToken cancellationToken)
    {
        if (request.Firmware != QemuFirmware.UefiArm64)
        {
            return (await FixturesCommand.EnsureAsync(new FixtureOptions(), progress, cancellationToken).ConfigureAwait(false))?.Directory;
        }

        return await FixturesCommand.EnsureArm64Async(new FixtureOptions(), progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Brings the lab up unless it is; true when this run made it (and so removes it).</summary>
    private async Task<bool> EnsureLabAsync(LabNetwork lab, CancellationToken cancellationToken)
    {
        var status = await lab.StatusAsync(cancellationToken).ConfigureAwait(false);
        if (status.IsUp)
        {
            await progress.WriteLineAsync($"pxekit: using the lab that is up ({lab.Options.Namespace}); it stays up afterwards.").ConfigureAwait(false);
            return false;
        }

        if (status.NamespaceExists || status.Leftovers.Count > 0)
        {
            await progress.WriteLineAsync("pxekit: removing what an earlier lab run left behind.").ConfigureAwait(false);
            await lab.DownAsync(cancellationToken).ConfigureAwait(false);
        }

        await lab.UpAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async Task<int> BootAsync(LabNetwork lab, string root, string work, CancellationToken cancellationToken)
    {
        var eventsPath = Path.Combine(work, "events.jsonl");
        var runner = new ProcessCommandRunner(request.Explain ? progress : null);
        await using var otherDhcp = request.Proxy || request.OtherDhcp || request.NoDhcp
            ? await ThirdPartyDhcp.StartAsync(lab, runner, work, request.Explain ? progress : null, cancellationToken).ConfigureAwait(false)
            : null;
        var serveCommand = lab.InNamespace(SelfCommand.Create(ServeArguments(lab, root, work, eventsPath)));
        if (request.Explain)
        {
            await progress.WriteLineAsync("+ " + serveCommand.ToShell() + " &").ConfigureAwait(false);
        }

        await using var server = ChildProcess.Start(serveCommand);
        var collected = new CollectingSink();
        var ready = new ServerReadySink();
        var journal = new BootJournal(new ConsoleJournalSink(progress), collected, ready);
        using var stopFollowing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var follower = new EventsFileFollower(eventsPath, journal).RunAsync(stopFollowing.Token);

        // The server says it is ready in its journal (ServerReady) once every listener is bound.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!ready.Ready.IsCompleted && !server.HasExited && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }

        if (!ready.Ready.IsCompleted)
        {
            await stopFollowing.CancelAsync().ConfigureAwait(false);
            await follower.ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
            await progress.WriteLineAsync("pxekit: the lab's server did not start:\n" + server.Error).ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        var qemu = new QemuOptions
        {
            Firmware = request.Firmware,
            Nic = request.Nic,
            // UEFI: no iPXE option ROM on the NIC, so edk2's own PXE or HTTP Boot client starts the boot.
            NicOptionRom = request.Firmware == QemuFirmware.Bios,
            HttpBootOnly = request.Firmware == QemuFirmware.Uefi && request.Http,
            Namespace = lab.Options.Namespace,
            Tap = lab.Options.Tap,
            Marker = request.Marker,
            Timeout = request.Timeout,
            SerialLogPath = Path.Combine(work, "serial.log"),
        };
        await progress.WriteLineAsync($"pxekit: network-booting a VM from PxeKit on {lab.Options.Bridge} ({Describe()}); it takes 15 to 40 s with software emulation.").ConfigureAwait(false);
        if (request.Explain)
        {
            await progress.WriteLineAsync("+ " + lab.InNamespace(QemuCommandLine.Build(qemu with { Namespace = null }, qemu.SerialLogPath, ExplainedVarsPath(qemu))).ToShell()).ConfigureAwait(false);
        }

        var start = DateTimeOffset.UtcNow;
        var result = await new QemuRunner(journal).RunAsync(qemu, cancellationToken).ConfigureAwait(false);

        // The server writes its last events a moment after the VM's console moved on.
        await Task.Delay(300, CancellationToken.None).ConfigureAwait(false);
        await stopFollowing.CancelAsync().ConfigureAwait(false);
        await follower.ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);

        await output.WriteLineAsync($"Boot timeline ({Describe()}; times from the VM's start):").ConfigureAwait(false);
        await output.WriteAsync(Timeline.Render(collected.Events, start)).ConfigureAwait(false);
        await output.WriteLineAsync(result.Summary).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            // What serve said while the boot ran comes first, then what the whole journal, console included, shows.
            var said = collected.Events.Select(e => e.Verdict).OfType<Verdict>();
            foreach (var verdict in said.Concat(DiagnosisEngine.Replay(collected.Events, new EngineOptions { BootRoot = root })))
            {
                await output.WriteLineAsync("Cause: " + ConsoleJournalSink.Printable(verdict.Text)).ConfigureAwait(false);
            }

            await output.WriteLineAsync("Last lines on the VM's console:").ConfigureAwait(false);
            foreach (var line in result.LastLines)
            {
                await output.WriteLineAsync("  | " + line).ConfigureAwait(false);
            }

            return ExitCodes.Failure;
        }

        return ExitCodes.Success;
    }
}
