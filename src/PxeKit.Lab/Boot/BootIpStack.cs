namespace PxeKit.Lab.Boot;

/// <summary>What the lab's network speaks, and so what the VM boots over.</summary>
public enum BootIpStack
{
    /// <summary>DHCPv4 and IPv4 alone; the lab's server answers router solicitations without configuring anything.</summary>
    Ipv4,

    /// <summary>DHCPv6 and IPv6 alone (<c>pxekit boot --ipv6</c>): no DHCPv4 server, a managed-flag advertisement.</summary>
    Ipv6,

    /// <summary>
    /// Both (<c>pxekit boot --dual-stack</c>): PxeKit answers DHCPv4 and DHCPv6 from the same profiles; the firmware
    /// boots over IPv4 first, and iPXE configures both.
    /// </summary>
    DualStack,
}
