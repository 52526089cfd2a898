using PxeKit.Diagnostics.Engine;
using PxeKit.Protocol.Tftp;
using PxeKit.Server.Boot;
using PxeKit.Server.BootApi;
using PxeKit.Server.Dhcp;
using PxeKit.Server.Tftp;

namespace PxeKit.Host;

/// <summary>A complete, validated <c>serve</c> configuration.</summary>
public sealed record ServeSettings
{
    /// <summary>
    /// The interfaces served, at least one, in the order given: each has its listeners (DHCP, 4011, TFTP, HTTP), its
    /// capture and its ARP probe; the leases, the profiles and the journal are one for all.
    /// </summary>
    public required IReadOnlyList<ServedInterface> Interfaces { get; init; }

    /// <summary>The names of <see cref="Interfaces"/>, for messages: <c>eth1</c>, or <c>eth1, eth2</c>.</summary>
    public string InterfaceNames => string.Join(", ", Interfaces.Select(i => i.Name));

    /// <summary>The TFTP and HTTP root.</summary>
    public required string Root { get; init; }

    /// <summary>
    /// The templates directory, relative to <see cref="Root"/>: its files are rendered for each client that asks for them
    /// over TFTP or HTTP (<see cref="PxeKit.Server.Files.FileTemplates"/>); null when there is none.
    /// </summary>
    public string? Templates { get; init; }

    public ServeMode Mode { get; init; }

    /// <summary>The listeners this configuration runs: TFTP always, DHCP and the boot server on 4011 unless DHCP is off.</summary>
    public PxeKitSockets Sockets =>
        (Mode == ServeMode.None ? PxeKitSockets.Tftp : PxeKitSockets.Dhcp | PxeKitSockets.BootServer | PxeKitSockets.Tftp)
        | (Dhcp6 is null ? PxeKitSockets.None : PxeKitSockets.Dhcp6);

    /// <summary>
    /// The address pools of every interface (each scope names its own), each interface's subnet before the subnets relayed
    /// to it; full mode only.
    /// </summary>
    public IReadOnlyList<DhcpScope> Scopes { get; init; } = [];

    /// <summary>
    /// Boot profiles in order of precedence (a <c>--bootfile</c> is the last, catch-all one); those of one interface
    /// match only requests that arrive on it (<see cref="ProfileMatch.Interfaces"/>).
    /// </summary>
    public IReadOnlyList<BootProfile> Profiles { get; init; } = [];

    public IpxeBinaries Ipxe { get; init; } = new();

    /// <summary>HTTP server port; null when the HTTP server is off.</summary>
    public int? HttpPort { get; init; } = 80;

    /// <summary>How many connections the HTTP boot server keeps open at once (<c>http.max-connections</c>, <c>http.max-connections-per-address</c>).</summary>
    public Server.Http.HttpConnectionLimits HttpConnections { get; init; } = new();

    /// <summary>SQLite file, or <c>:memory:</c> to keep nothing.</summary>
    public required string LeaseDb { get; init; }

    public bool AllowWrite { get; init; }

    /// <summary>Caps on TFTP transfers at once (per client address and in all) and on their duration (the <c>tftp:</c> section).</summary>
    public TftpLimits TftpLimits { get; init; } = new();

    /// <summary>UDP port of the TFTP listeners. Default: 69; 0 lets the system pick one (see <see cref="ServerHost.TftpEndPoint"/>).</summary>
    public int TftpPort { get; init; } = TftpConstants.ServerPort;

    /// <summary>Watch the interface with a packet capture, to tell requests the firewall drops from requests that never came.</summary>
    public bool Capture { get; init; } = true;

    /// <summary>
    /// DHCPv6 netboot on every interface (<c>dhcp6:</c>), with TFTP and HTTP on each interface's IPv6 address; null when off.
    /// </summary>
    public Server.Dhcp6.Dhcp6Settings? Dhcp6 { get; init; }

    /// <summary>Whether router solicitations are answered (<c>router-advertisements:</c>); off by default.</summary>
    public Server.Ipv6.RouterAdvertisementMode RouterAdvertisements { get; init; }

    /// <summary>Per-client DHCP request limit (the <c>dhcp: rate-limit:</c> key).</summary>
    public DhcpRateLimit RateLimit { get; init; } = new();

    /// <summary>How often the host is asked whether the interface is still there, with the same index and address (<see cref="InterfaceWatch"/>).</summary>
    public TimeSpan InterfacePoll { get; init; } = InterfaceWatch.DefaultPeriod;

    /// <summary>
    /// The external boot API (<c>boot-api:</c>, pixiecore's API mode): asked <c>GET BootApi/v1/boot/MAC</c> what a machine
    /// boots when iPXE asks for its script; its profile is the fallback. Null when there is none.
    /// </summary>
    public Uri? BootApi { get; init; }

    /// <summary>How long one question to <see cref="BootApi"/> may take (<c>boot-api-timeout:</c>). Default: 5 s.</summary>
    public TimeSpan BootApiTimeout { get; init; } = BootApiOptions.DefaultTimeout;

    /// <summary>The listener of <c>/metrics</c> (Prometheus); null when it is off.</summary>
    public Management.ManagementOptions? Management { get; init; }

    /// <summary>Things that do not stop the server but that its user should know.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
