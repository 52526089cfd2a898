namespace PxeKit.Server.Boot;

/// <summary>How a kernel profile's kernel reaches the machine (<c>chain:</c> in a profile).</summary>
public enum BootChain
{
    /// <summary>Through iPXE and a script over HTTP (the default): iPXE is chainloaded first when the firmware is not iPXE.</summary>
    Ipxe,

    /// <summary>
    /// Through the Secure Boot chain over TFTP: shim (signed by Microsoft) as the boot file, which loads GRUB (signed by the
    /// distribution) from beside it, which reads the configuration PxeKit generates (<see cref="GrubConfig"/>) and boots
    /// the kernel (signed too). Firmware that enforces Secure Boot runs only this way.
    /// </summary>
    Shim,
}
