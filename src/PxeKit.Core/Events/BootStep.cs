namespace PxeKit.Core.Events;

/// <summary>One step a network-booting client takes, as the server or the lab sees it.</summary>
public enum BootStep
{
    DhcpDiscover,
    DhcpOffer,
    DhcpRequest,
    DhcpAck,
    DhcpNak,
    DhcpDecline,
    DhcpRelease,
    DhcpInform,
    /// <summary>
    /// A reply PxeKit decided on that never left: its lease could not be stored, it was too large, or the kernel
    /// refused to send it (<see cref="DhcpFacts.ReplyFailure"/> says which).
    /// </summary>
    DhcpReplyDropped,
    /// <summary>A DHCP message was seen and deliberately not answered (<see cref="DhcpFacts.IgnoreReason"/> says why).</summary>
    DhcpIgnored,
    TftpRequest,
    /// <summary>A read transfer finished: the client acknowledged the last block.</summary>
    TftpComplete,
    /// <summary>The request was refused with a TFTP ERROR (file not found, path outside the root, ...).</summary>
    TftpRefused,
    /// <summary>A transfer began but did not finish (timeout, client error, abort).</summary>
    TftpFailed,
    /// <summary>An HTTP request arrived (iPXE script, kernel, initrd, UEFI HTTP Boot program).</summary>
    HttpRequest,
    /// <summary>An HTTP response was sent whole.</summary>
    HttpComplete,
    /// <summary>An HTTP request was refused (404, 403, 416) or the transfer broke off.</summary>
    HttpFailed,
    /// <summary>The firmware printed something the lab recognises (iPXE start, boot loader banner).</summary>
    Firmware,
    /// <summary>The kernel printed its banner on the console.</summary>
    KernelStarted,
    /// <summary>The console shows a failure (no DHCP, download error, kernel panic); the detail quotes it.</summary>
    ConsoleError,
    /// <summary>
    /// A DHCP request seen on the wire by the packet capture beside the server's socket: the evidence for
    /// what reached the interface, whatever the host's firewall then did with it.
    /// </summary>
    WireDhcp,
    /// <summary>A DHCP reply from another server seen on the wire (PxeKit's own replies are not reported).</summary>
    WireDhcpReply,
    /// <summary>A TFTP request seen on the wire by the packet capture beside the TFTP socket.</summary>
    WireTftp,
    /// <summary>A verdict: why a boot stalls or failed, with the evidence and the fix in the detail.</summary>
    Diagnosis,
    /// <summary>The expected marker appeared on the console: the boot succeeded.</summary>
    Marker,
    /// <summary>A request to the PXE boot server (UDP 4011) seen on the wire by the packet capture beside its socket.</summary>
    WireBootServer,
    /// <summary>A DHCP request a relay forwarded to another server, not to PxeKit, seen on the wire (<see cref="BootEvent.Server"/> is that server).</summary>
    WireDhcpForwarded,
    /// <summary>
    /// The server has bound every listener and serves (<see cref="BootEvent.Server"/> is its address): what
    /// <c>pxekit boot</c> and other embedders wait for, instead of a line on a log.
    /// </summary>
    ServerReady,

    /// <summary>
    /// The doctor read the host's firewall for one kind of PxeKit's traffic (<see cref="BootEvent.Firewall"/> says
    /// which, and whether a rule drops it).
    /// </summary>
    HostFirewall,

    /// <summary>The doctor looked at a file the configuration sends (<see cref="BootEvent.BootFile"/>; its format and size too).</summary>
    HostBootFile,

    /// <summary>The doctor looked at the interface PxeKit serves (<see cref="BootEvent.Interface"/>).</summary>
    HostInterface,

    /// <summary>The doctor looked at who holds a port PxeKit needs (<see cref="BootEvent.Port"/>).</summary>
    HostPort,

    /// <summary>
    /// Events a slow output (the terminal, the events file) did not get because it fell behind and serving did not
    /// wait for it (<see cref="BootEvent.Dropped"/> is how many): written to that output once it caught up.
    /// </summary>
    EventsDropped,

    /// <summary>
    /// The lease store could not make a lease durable (<see cref="BootEvent.LeaseStore"/> says why): from now until
    /// <see cref="LeaseStoreRecovered"/>, leases are not extended. A client renewing a lease that is on disk is ACKed
    /// with the time that lease has left; a new lease is not ACKed. Said once per outage.
    /// </summary>
    LeaseStoreFailed,

    /// <summary>The lease store takes writes again after <see cref="LeaseStoreFailed"/>.</summary>
    LeaseStoreRecovered,

    /// <summary>
    /// The interface the server serves is gone, or has no IPv4 address left (<see cref="BootEvent.Interface"/>): the
    /// server closed its listeners and waits for it, journaled once per absence.
    /// </summary>
    InterfaceGone,

    /// <summary>
    /// The interface is back (created again under its name, a new <see cref="InterfaceFacts.Index"/>, or given an address
    /// again): the listeners are bound to it anew; <see cref="BootEvent.Server"/> is the address served.
    /// </summary>
    InterfaceBack,

    /// <summary>
    /// The interface's IPv4 address changed (<see cref="InterfaceFacts.PreviousAddress"/> to <see cref="BootEvent.Server"/>):
    /// the listeners are bound anew and the replies name the new address.
    /// </summary>
    InterfaceAddressChanged,

    /// <summary>
    /// The configuration was read again (SIGHUP) and is now the running one (<see cref="BootEvent.Reload"/> says what
    /// changed, and what needs a restart and was left as it was). Leases, boot-once marks and transfers in flight are kept.
    /// </summary>
    ReloadApplied,

    /// <summary>
    /// The configuration was read again (SIGHUP) and has mistakes (<see cref="ReloadFacts.Errors"/>, all of them): the
    /// running configuration is kept as it was.
    /// </summary>
    ReloadRefused,

    /// <summary>
    /// A machine chose an entry of its iPXE menu (<see cref="BootEvent.Profile"/> is the profile chosen): it is sent that
    /// profile's script.
    /// </summary>
    MenuChosen,

    /// <summary>
    /// An operator marked a machine's boot-once profile used (<see cref="BootEvent.Profile"/>), through the management
    /// API: the machine no longer gets it.
    /// </summary>
    BootOnceUsed,

    /// <summary>
    /// An operator took a machine's boot-once mark away (<see cref="BootEvent.Profile"/>), through the management API: the
    /// machine gets that profile again on its next boot.
    /// </summary>
    BootOnceCleared,

    /// <summary>
    /// An operator reserved <see cref="BootEvent.Address"/> for a machine through the management API (stored in the lease
    /// database): its next DHCP exchange gets that address.
    /// </summary>
    ReservationSet,

    /// <summary>An operator removed a machine's reservation set through the management API: it gets a pool address again.</summary>
    ReservationRemoved,

    /// <summary>
    /// An operator set a machine to boot from its local disk through the management API: it is answered as a local-boot
    /// profile would, before every configured profile (<see cref="BootEvent.Profile"/> names that answer).
    /// </summary>
    BootLocalSet,

    /// <summary>An operator cleared a machine's boot-local setting through the management API: its profiles answer it again.</summary>
    BootLocalCleared,

    /// <summary>
    /// The external boot API (<c>boot-api:</c>) gave no usable answer about a machine (<see cref="BootEvent.BootApi"/> says
    /// what was asked and why): the machine gets its profile's script instead, when one matches, else none.
    /// </summary>
    BootApiFailed,

    /// <summary>
    /// The server answered a machine's IPv6 router solicitation (<see cref="BootEvent.Address"/> is the machine's link-local
    /// address): with <c>router-advertisements: quiet</c> an advertisement that configures nothing, so iPXE ends its IPv6
    /// configuration at once instead of waiting for its solicitations to time out; with <c>managed</c> the managed flag
    /// and the prefix, so it asks DHCPv6.
    /// </summary>
    RouterSolicitationAnswered,

    /// <summary>
    /// A router on the segment advertises itself (<see cref="BootEvent.Address"/>). With <c>router-advertisements: quiet</c>
    /// the server leaves router solicitations to it and stops answering them for as long as that router said it serves,
    /// ten minutes at least; with <c>managed</c> it goes on.
    /// </summary>
    RouterHeard,

    /// <summary>A DHCPv6 Solicit arrived (<see cref="BootEvent.Dhcp6"/> has its typed fields).</summary>
    Dhcp6Solicit,

    /// <summary>
    /// A DHCPv6 Request, Renew, Rebind, Confirm, Release, Decline or Information-request arrived
    /// (<see cref="Dhcp6Facts.MessageType"/> says which).
    /// </summary>
    Dhcp6Request,

    /// <summary>A DHCPv6 Advertise left: the address offered (<see cref="BootEvent.Address"/>) and the boot URL (<see cref="BootEvent.File"/>).</summary>
    Dhcp6Advertise,

    /// <summary>
    /// A DHCPv6 Reply left: to a Request, Renew or Rebind once its address was durable, to a Solicit with rapid commit,
    /// or to the other messages (<see cref="Dhcp6Facts.Status"/> when it is not Success).
    /// </summary>
    Dhcp6Reply,

    /// <summary>A DHCPv6 message was seen and deliberately not answered (<see cref="Dhcp6Facts.IgnoreReason"/> says why).</summary>
    Dhcp6Ignored,

    /// <summary>
    /// A DHCPv6 reply PxeKit decided on never left: its address could not be stored, or the kernel refused to send it
    /// (<see cref="BootEvent.SocketError"/>).
    /// </summary>
    Dhcp6ReplyDropped,

    /// <summary>
    /// A machine's IPv6 router solicitation, seen on the wire (<see cref="BootEvent.Address"/> is its source address,
    /// <c>::</c> before it has one): firmware asks for routers before it asks DHCPv6, and waits for the managed flag.
    /// </summary>
    RouterSolicitation,

    /// <summary>
    /// An IPv6 router advertisement, seen on the wire: <see cref="BootEvent.Server"/> is the router, <see cref="BootEvent.Router"/>
    /// its managed flag, lifetime and prefixes. It is in the story of the machine it was sent to, or of every machine that
    /// solicited when it went to all nodes.
    /// </summary>
    RouterAdvertisement,

    /// <summary>
    /// The doctor solicited routers on the interface PxeKit serves DHCPv6 on and listened (<see cref="BootEvent.RouterAdvertisement"/>):
    /// whether an advertisement tells firmware to use DHCPv6.
    /// </summary>
    HostRouterAdvertisement,

    /// <summary>
    /// A DHCPv6 client message to the server port (547) seen on the wire by the packet capture beside serve's socket
    /// (<see cref="BootEvent.Dhcp6"/>): the IPv6 form of <see cref="WireDhcp"/>.
    /// </summary>
    WireDhcp6,
}
