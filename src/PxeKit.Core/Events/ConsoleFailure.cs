namespace PxeKit.Core.Events;

/// <summary>What kind of failure a console line reports (<see cref="BootStep.ConsoleError"/>).</summary>
public enum ConsoleFailure
{
    /// <summary>The firmware or iPXE could not bring up its network device.</summary>
    DeviceFailed,

    /// <summary>No usable DHCP answer came.</summary>
    NoDhcp,

    /// <summary>A download failed (timeout, not found, refused).</summary>
    DownloadFailed,

    /// <summary>The firmware downloaded a program and could not load or start it (wrong format, not a program).</summary>
    ProgramNotStarted,

    /// <summary>
    /// The firmware downloaded a program and refused to load it: Secure Boot found no signature it trusts (edk2 says
    /// <c>Access Denied</c> or <c>Security Violation</c>).
    /// </summary>
    ProgramRefused,

    /// <summary>The firmware's PXE or HTTP Boot client gave up.</summary>
    NetworkBootFailed,

    /// <summary>A boot loader (PXELINUX, GRUB) failed or stopped without a configuration.</summary>
    LoaderFailed,

    /// <summary>The kernel panicked, or its EFI stub failed.</summary>
    KernelFailed,
}
