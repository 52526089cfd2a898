using System.ComponentModel;
using System.Diagnostics;
using PxeKit.Core.Events;
using PxeKit.Core.Processes;

namespace PxeKit.Lab.Qemu;

/// <summary>
/// Starts a network-booting VM, watches its serial console into the journal and always ends QEMU by its
/// PID at the end: at the marker, on timeout, on error and on cancellation.
/// </summary>
public sealed class QemuRunner(IBootJournal journal, TimeProvider? timeProvider = null)
{
    private const int ErrorTailLength = 600;
    private const string UefiVarsFileName = "OVMF_VARS.fd";
    private static readonly TimeSpan KillWait = TimeSpan.FromSeconds(10);
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <summary>Lines kept for <see cref="BootResult.LastLines"/>. Default 30.</summary>
    public int LastLineCount { get; init; } = 30;

    public async Task<BootResult> RunAsync(QemuOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var serialLog = options.SerialLogPath ?? Path.Combine(Path.GetTempPath(), $"pxekit-serial-{Guid.NewGuid():N}.log");
        File.Delete(serialLog); // a stale log from an earlier run would be read as this boot's console
        if (options.Firmware == QemuFirmware.UefiArm64 && !File.Exists(options.Arm64FirmwarePath))
        {
            throw new CommandException($"An arm64 VM needs {options.Arm64FirmwarePath}, which is missing: install the Debian package qemu-efi-aarch64 (scripts/install-deps.sh).");
        }

        var runDirectory = options.Firmware == QemuFirmware.Uefi ? PrepareUefi(options) : null;
        try
        {
            return await RunAsync(options, serialLog, runDirectory, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            runDirectory?.Delete(recursive: true);
        }
    }

    private async Task<BootResult> RunAsync(QemuOptions options, string serialLog, DirectoryInfo? runDirectory, CancellationToken cancellationToken)
    {
        var varsPath = runDirectory is null ? null : Path.Combine(runDirectory.FullName, UefiVarsFileName);
        var command = QemuCommandLine.Build(options, serialLog, varsPath);
        var startInfo = ProcessCommandRunner.StartInfo(command);
        startInfo.RedirectStandardOutput = false;
        using var qemu = new Process { StartInfo = startInfo };
        var started = _time.GetTimestamp();
        try
        {
            qemu.Start();
        }
        catch (Win32Exception e)
        {
            throw new CommandException($"Could not start `{command.ToShell()}`: {e.Message} (install {EmulatorPackage(options)} and iproute2).", e);
        }

        qemu.StandardInput.Close();
        var errors = qemu.StandardError.ReadToEndAsync(CancellationToken.None);
        var watcher = new ConsoleWatcher(journal, LastLineCount, _time);
        ConsoleWatchResult watched;
        TimeSpan elapsed;
        try
        {
            watched = await watcher.WatchAsync(serialLog, options.Marker, qemu.WaitForExitAsync(CancellationToken.None), options.Timeout, cancellationToken)
                .ConfigureAwait(false);
            elapsed = _time.GetElapsedTime(started);
        }
        finally
        {
            await EndAsync(qemu).ConfigureAwait(false);
        }

        return new BootResult
        {
            Outcome = watched.Outcome,
            Elapsed = elapsed,
            Command = command,
            SerialLogPath = serialLog,
            Milestones = watched.Milestones,
            LastLines = watched.LastLines,
            ExitCode = watched.Outcome == WatchOutcome.VmExited ? qemu.ExitCode : null,
            Errors = Tail(await errors.ConfigureAwait(false)),
        };
    }

    /// <summary>
    /// The run's own directory holding a fresh copy of OVMF's variable store: OVMF writes boot options and
    /// network settings there, and a store reused across runs would make one boot depend on the last.
    /// </summary>
    private static DirectoryInfo PrepareUefi(QemuOptions options)
    {
        foreach (var path in new[] { options.OvmfCodePath, options.OvmfVarsTemplatePath })
        {
            if (!File.Exists(path))
            {
                throw new CommandException($"A UEFI VM needs {path}, which is missing: install the Debian package ovmf (scripts/install-deps.sh).");
            }
        }

        var directory = Directory.CreateTempSubdirectory("pxekit-vm-");
        File.Copy(options.OvmfVarsTemplatePath, Path.Combine(directory.FullName, UefiVarsFileName));
        return directory;
    }

    /// <summary>Ends QEMU by its PID if it still runs (<c>ip netns exec</c> execs QEMU, so the PID is QEMU's).</summary>
    private static async Task EndAsync(Process qemu)
    {
        if (!qemu.HasExited)
        {
            try
            {
                qemu.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It exited between the check and the kill.
            }
        }

        using var wait = new CancellationTokenSource(KillWait);
        await qemu.WaitForExitAsync(wait.Token).ConfigureAwait(false);
    }

    private static string EmulatorPackage(QemuOptions options) =>
        options.Firmware == QemuFirmware.UefiArm64 ? "qemu-system-arm" : "qemu-system-x86";

    private static string Tail(string text)
    {
        var trimmed = text.Trim();
        return trimmed.Length <= ErrorTailLength ? trimmed : "..." + trimmed[^ErrorTailLength..];
    }
}
