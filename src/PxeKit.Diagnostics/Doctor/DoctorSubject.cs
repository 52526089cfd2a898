using System.Net;
using PxeKit.Core.Interop;
using PxeKit.Diagnostics.Engine;

namespace PxeKit.Diagnostics.Doctor;

/// <summary>What the doctor examines: an interface PxeKit serves (or will serve) and the boot files it is configured to send.</summary>
public sealed record DoctorSubject
{
    /// <summary>The interface; null when none was named and none could be chosen.</summary>
    public string? Interface { get; init; }

    /// <summary>The interface's IPv4 address, when it has one.</summary>
    public IPAddress? Address { get; init; }

    /// <summary>The boot root the files are under; null when no root was configured.</summary>
    public string? Root { get; init; }

    /// <summary>
    /// The user <c>pxekit serve</c> runs as once it has left root (null: the doctor's own user): a boot file that user
    /// cannot read is refused to every client.
    /// </summary>
    public UnixUser? ServingUser { get; init; }

    /// <summary>Every file the configuration sends, with the firmware it is meant for.</summary>
    public IReadOnlyList<BootFileUse> BootFiles { get; init; } = [];

    /// <summary>The listeners the configuration runs: DHCP and the boot server too, unless DHCP is off (<c>--no-dhcp</c>).</summary>
    public PxeKitSockets Sockets { get; init; } = PxeKitSockets.Dhcp | PxeKitSockets.BootServer | PxeKitSockets.Tftp;

    /// <summary>Whether HTTP boot is on (port 80 or the configured port matters).</summary>
    public int? HttpPort { get; init; } = 80;

    /// <summary>Whether serve answers DHCPv6 (<c>dhcp6:</c>), with TFTP and HTTP over IPv6: the firewall is asked about IPv6 too.</summary>
    public bool Dhcp6 { get; init; }

    /// <summary>Whether serve sends router advertisements (<c>router-advertisements:</c> quiet or managed).</summary>
    public bool RouterAdvertisements { get; init; }

    /// <summary>Send probe DISCOVERs and list the servers that answer.</summary>
    public bool Probe { get; init; } = true;

    /// <summary>How long the probe waits for answers after each DISCOVER.</summary>
    public TimeSpan ProbeWait { get; init; } = TimeSpan.FromSeconds(2);
}
