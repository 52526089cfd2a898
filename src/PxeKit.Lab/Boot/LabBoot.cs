using PxeKit.Core.Events;
using PxeKit.Core.Processes;
using PxeKit.Core.Verdicts;
using PxeKit.Diagnostics.Engine;
using PxeKit.Lab.Fixtures;
using PxeKit.Lab.Network;
using PxeKit.Lab.Qemu;

namespace PxeKit.Lab.Boot;

/// <summary>
/// One boot in the lab, start to end: the lab network (made if missing, removed again if made here),
/// <c>pxekit serve</c> inside it, a QEMU VM on its tap, the journal of both into <paramref name="live"/> as it
/// happens, and the outcome (timeline's events, console, causes) at the end. Everything started here is ended by
/// its PID, also on Ctrl-C and on failure. A step that fails throws <see cref="CommandException"/>.
/// </summary>
/// <remarks>
/// The server is a child process, <c>ip netns exec NS pxekit serve</c>, not a <c>ServerHost</c> in this process: a
/// network namespace belongs to a thread in Linux (setns), and the server's sockets are opened and served from many
/// threads (the thread pool, Kestrel's, the DHCP and TFTP loops), which would each have to be moved into the lab's
/// namespace. A child started in the namespace has every thread there. Its journal comes back typed, through its
/// <c>--events</c> file (<see cref="EventsFileFollower"/>), and readiness is its <see cref="BootStep.ServerReady"/>.
/// </remarks>
/// <param name="pxekit">How to run pxekit itself with these arguments (the CLI knows its own executable).</param>
/// <param name="live">Where each event goes as it happens (the terminal).</param>
/// <param name="progress">Where the steps are said (and, with <see cref="BootRequest.Explain"/>, their shell commands).</param>
public sealed class LabBoot(BootRequest request, Func<string[], Command> pxekit, IBootEventSink live, TextWriter progress)
{
    /// <summary>Boots once from the boot tree at <paramref name="root"/> (the request's, or the fixtures).</summary>
    public async Task<LabBootOutcome> RunAsync(string root, CancellationToken cancellationToken)
    {
        var work = Directory.CreateTempSubdirectory("pxekit-boot-");
        var lab = new LabNetwork(new LabNetworkOptions(), new ProcessCommandRunner(request.Explain ? progress : null));
        bool madeLab = false;
        try
        {
            madeLab = await EnsureLabAsync(lab, cancellationToken).ConfigureAwait(false);
            return await BootAsync(lab, root, work.FullName, cancellationToken).ConfigureAwait(false);
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
        // The lab needs root and its work directory is root's: its server stays root.
        // The lab is a segment without a router: answering iPXE's router solicitations saves each boot its IPv6 wait, and
        // over IPv6 the clients need the managed flag and the prefix from PxeKit.
        var arguments = new List<string>
        {
            "serve", "--interface", lab.Options.Bridge, "--root", root, "--lease-db", ":memory:", "--events", eventsPath, "--user", "root",
            "--router-advertisements", request.Stack == BootIpStack.Ipv4 ? "quiet" : "managed",
        };
        if (request.Firmware == QemuFirmware.UefiArm64)
        {
            arguments.AddRange(["--bootfile", Arm64BootFixture.BootFileName]);
        }
        else if (request.BootFile is { } bootFile)
        {
            arguments.AddRange(["--bootfile", bootFile]);
        }
        else if (request.Stack != BootIpStack.Ipv4)
        {
            // The same kernel profile as UEFI over IPv4, and DHCPv6 with addresses from the lab's /64. Over IPv6 alone, no
            // DHCPv4 at all, so nothing of the boot can go over IPv4. An HTTP Boot client gets ipxe.efi as an HTTP URL from
            // the same profile.
            var config = Path.Combine(work, "pxekit.yaml");
            File.WriteAllText(config, $"dhcp6:\n  range: {Ipv6Range(lab.Options.BridgeAddress6)}\nprofiles:\n  - name: lab-linux\n    kernel: {BootFixture.Kernel}\n    initrd: [{BootFixture.Initrd}]\n    cmdline: {BootFixture.KernelCommandLine}\n");
            arguments.AddRange(request.Stack == BootIpStack.Ipv6 ? ["--config", config, "--no-dhcp"] : ["--config", config]);
        }
        else if (request.SecureBoot)
        {
            var config = Path.Combine(work, "pxekit.yaml");
            File.WriteAllText(config, $"profiles:\n  - name: lab-secure-boot\n    kernel: {BootFixture.Kernel}\n    initrd: [{BootFixture.Initrd}]\n    cmdline: {BootFixture.KernelCommandLine}\n    chain: shim\n");
            arguments.AddRange(["--config", config]);
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

    /// <summary>The DHCPv6 range of the lab: ::100 to ::1ff of the bridge's /64.</summary>
    private static string Ipv6Range(System.Net.IPAddress bridge)
    {
        var first = bridge.GetAddressBytes();
        var last = bridge.GetAddressBytes();
        (first[14], first[15], last[14], last[15]) = (1, 0, 1, 0xff);
        return $"{new System.Net.IPAddress(first)}-{new System.Net.IPAddress(last)}";
    }

    /// <summary>For --explain only: QEMU runs on a per-run copy of OVMF's variable store.</summary>
    private static string? ExplainedVarsPath(QemuOptions qemu) =>
        qemu.Firmware == QemuFirmware.Uefi ? "COPY-OF-" + Path.GetFileName(qemu.OvmfVarsTemplatePath) : null;

    private string Describe()
    {
        var path = request.BootFile is { } bootFile && request.Firmware != QemuFirmware.UefiArm64
            ? $"{(request.Firmware == QemuFirmware.Bios ? "BIOS" : request.SecureBoot ? "UEFI with Secure Boot" : "UEFI")}, {bootFile} over TFTP"
            : request.SecureBoot ? "UEFI with Secure Boot, edk2 PXE, shim, GRUB, signed kernel over TFTP"
            : request.Stack == BootIpStack.DualStack
                ? $"{(request.Firmware == QemuFirmware.Bios ? "BIOS, QEMU's iPXE ROM" : "UEFI, edk2 PXE over IPv4, iPXE over TFTP")} on a dual-stack network (DHCPv4 and DHCPv6), kernel over HTTP"
            : request.Stack == BootIpStack.Ipv6 && request.Firmware == QemuFirmware.Bios ? "BIOS, QEMU's iPXE ROM (DHCPv6), kernel over HTTP, all on IPv6"
            : request.Stack == BootIpStack.Ipv6 && request.Http ? "UEFI HTTP Boot over IPv6 (DHCPv6), iPXE and kernel over HTTP, all on IPv6"
            : request.Stack == BootIpStack.Ipv6 ? "UEFI over IPv6, edk2 PXE (DHCPv6), iPXE over TFTP, kernel over HTTP, all on IPv6"
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

    private async Task<LabBootOutcome> BootAsync(LabNetwork lab, string root, string work, CancellationToken cancellationToken)
    {
        var eventsPath = Path.Combine(work, "events.jsonl");
        var runner = new ProcessCommandRunner(request.Explain ? progress : null);
        await using var otherDhcp = request.Proxy || request.OtherDhcp || request.NoDhcp
            ? await ThirdPartyDhcp.StartAsync(lab, runner, work, request.Explain ? progress : null, cancellationToken).ConfigureAwait(false)
            : null;
        var serveCommand = lab.InNamespace(pxekit(ServeArguments(lab, root, work, eventsPath)));
        if (request.Explain)
        {
            await progress.WriteLineAsync("+ " + serveCommand.ToShell() + " &").ConfigureAwait(false);
        }

        await using var server = ChildProcess.Start(serveCommand);
        var collected = new CollectingSink();
        var ready = new ServerReadySink();
        var journal = new BootJournal(live, collected, ready);
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
            throw new CommandException("the lab's server did not start:\n" + server.Error);
        }

        var serialLog = Path.Combine(work, "serial.log");
        var qemu = new QemuOptions
        {
            Firmware = request.Firmware,
            Nic = request.Nic,
            // UEFI: no iPXE option ROM on the NIC, so edk2's own PXE or HTTP Boot client starts the boot.
            NicOptionRom = request.Firmware == QemuFirmware.Bios,
            HttpBootOnly = request.Firmware == QemuFirmware.Uefi && request.Http,
            Ipv6 = request.Stack == BootIpStack.Ipv6 && request.Firmware == QemuFirmware.Uefi,
            Namespace = lab.Options.Namespace,
            Tap = lab.Options.Tap,
            Marker = request.Marker,
            Timeout = request.Timeout,
            SerialLogPath = serialLog,
        };
        if (request.SecureBoot)
        {
            qemu = qemu.ForSecureBoot();
        }

        await progress.WriteLineAsync($"pxekit: network-booting a VM from PxeKit on {lab.Options.Bridge} ({Describe()}); it takes 15 to 40 s with software emulation.").ConfigureAwait(false);
        if (request.Explain)
        {
            await progress.WriteLineAsync("+ " + lab.InNamespace(QemuCommandLine.Build(qemu with { Namespace = null }, serialLog, ExplainedVarsPath(qemu))).ToShell()).ConfigureAwait(false);
        }

        var start = DateTimeOffset.UtcNow;
        var result = await new QemuRunner(journal).RunAsync(qemu, cancellationToken).ConfigureAwait(false);

        // The server writes its last events a moment after the VM's console moved on.
        await Task.Delay(300, CancellationToken.None).ConfigureAwait(false);
        await stopFollowing.CancelAsync().ConfigureAwait(false);
        await follower.ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);

        var outcome = new LabBootOutcome { Description = Describe(), Start = start, Events = collected.Events, Result = result };
        if (result.Succeeded)
        {
            return outcome;
        }

        // What serve said while the boot ran comes first, then what the whole journal, console included, shows.
        var said = collected.Events.Select(e => e.Verdict).OfType<Verdict>();
        return outcome with { Causes = [.. said.Concat(DiagnosisEngine.Replay(collected.Events, new EngineOptions { BootRoot = root }))] };
    }
}
