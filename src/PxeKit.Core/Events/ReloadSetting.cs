namespace PxeKit.Core.Events;

/// <summary>A setting of <c>serve</c> a reload looks at: one that it applies, or one that needs a restart.</summary>
public enum ReloadSetting
{
    /// <summary>The boot profiles (which ones in <see cref="ReloadFacts.ProfilesAdded"/>, ...Removed, ...Changed). Applied.</summary>
    Profiles,

    /// <summary>The iPXE builds per firmware (the <c>ipxe:</c> section). Applied.</summary>
    Ipxe,

    /// <summary>The DHCP scopes: range, lease time, options, reservations, relayed subnets (<see cref="ReloadFacts.ScopesChanged"/>). Applied.</summary>
    Scopes,

    /// <summary>The interface served. Needs a restart.</summary>
    Interface,

    /// <summary>The lease database path. Needs a restart.</summary>
    LeaseDb,

    /// <summary>Full DHCP, proxyDHCP or none. Needs a restart.</summary>
    Mode,

    /// <summary>The HTTP server's port, or whether it runs. Needs a restart.</summary>
    HttpPort,

    /// <summary>The TFTP listener's port. Needs a restart.</summary>
    TftpPort,

    /// <summary>The TFTP and HTTP root. Applied to new transfers and requests; those in flight finish from the old one.</summary>
    Root,

    /// <summary>TFTP write requests allowed or not. Applied to new requests.</summary>
    AllowWrite,

    /// <summary>The <c>tftp:</c> caps on transfers. Needs a restart.</summary>
    TftpLimits,

    /// <summary>The <c>http:</c> caps on connections. Needs a restart.</summary>
    HttpLimits,

    /// <summary>The <c>dhcp: rate-limit:</c>. Needs a restart.</summary>
    RateLimit,

    /// <summary>The packet capture beside the sockets. Needs a restart.</summary>
    Capture,

    /// <summary>Answering IPv6 router solicitations (<c>router-advertisements:</c>). Needs a restart.</summary>
    RouterAdvertisements,

    /// <summary>DHCPv6 (<c>dhcp6:</c>). Needs a restart.</summary>
    Dhcp6,

    /// <summary>Turning <c>dhcp: probe</c> on, when no ARP probe is open. Needs a restart (turning it off is applied).</summary>
    ProbeBeforeOffer,

    /// <summary>The <c>management:</c> listener (its address and port, or turning it on or off). Needs a restart.</summary>
    Management,

    /// <summary>The templates directory (<c>templates:</c>), named anew or given or taken away. Applied to new transfers and requests.</summary>
    Templates,

    /// <summary>The external boot API (<c>boot-api:</c>, <c>boot-api-timeout:</c>). Needs a restart.</summary>
    BootApi,
}
