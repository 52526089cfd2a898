using PxeKit.Lab.Processes;

namespace PxeKit.Lab.Qemu;

/// <summary>Builds the QEMU command for a network boot (a pure function, so it is tested and shown by <c>--explain</c>).</summary>
public static class QemuCommandLine
{
    /// <summary>
    /// <c>ip netns exec NS qemu-system-x86_64 -accel tcg -m 512 -machine graphics=off -display none -monitor none
    /// -serial file:LOG -boot n -netdev tap,... -device e1000,... -no-reboot</c>. Without <c>graphics=off</c>
    /// SeaBIOS and iPXE print nothing on the serial port; <c>-no-reboot</c> turns the guest's reboot (or a
    /// kernel panic with <c>panic=-1</c>) into QEMU exiting.
    /// </summary>
    public static Command Build(QemuOptions options, string serialLogPath)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(serialLogPath);
        if (serialLogPath.Contains(',', StringComparison.Ordinal))
        {
            throw new ArgumentException("QEMU option values cannot contain ',' here: " + serialLogPath, nameof(serialLogPath));
        }

        var device = $"{options.Nic},netdev=n0" + (options.MacAddress is null ? "" : $",mac={options.MacAddress}");
        var qemu = new Command(
            options.Emulator,
            "-accel", "tcg",
            "-m", options.MemoryMiB.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-machine", "graphics=off",
            "-display", "none",
            "-monitor", "none",
            "-serial", "file:" + serialLogPath,
            "-boot", "n",
            "-netdev", $"tap,id=n0,ifname={options.Tap},script=no,downscript=no",
            "-device", device,
            "-no-reboot");
        return options.Namespace is null ? qemu : qemu.Prefixed("ip", "netns", "exec", options.Namespace);
    }
}
