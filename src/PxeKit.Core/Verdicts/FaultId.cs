using System.Text.Json.Serialization;

namespace PxeKit.Core.Verdicts;

/// <summary>
/// Every fault PxeKit names, with the stable id that the JSON, the API and docs/diagnosis.md use. An id is
/// never reused for another fault; a test holds docs/diagnosis.md's table to this list.
/// </summary>
public enum FaultId
{
    /// <summary>DHCP requests reach the interface but not the socket: the host's firewall drops them (the article's bug).</summary>
    [JsonStringEnumMemberName("dhcp-dropped-on-host")]
    DhcpDroppedOnHost,

    /// <summary>TFTP read requests reach the interface but not the socket.</summary>
    [JsonStringEnumMemberName("tftp-dropped-on-host")]
    TftpDroppedOnHost,

    /// <summary>Requests to the PXE boot server (UDP 4011) reach the interface but not the socket.</summary>
    [JsonStringEnumMemberName("boot-server-dropped-on-host")]
    BootServerDroppedOnHost,

    /// <summary>TFTP's answers cannot get back: refused by this host's OUTPUT chain, or dropped on the way.</summary>
    [JsonStringEnumMemberName("tftp-return-path-blocked")]
    TftpReturnPathBlocked,

    /// <summary>A file the client asked for is not there, and no later request got it either.</summary>
    [JsonStringEnumMemberName("boot-file-missing")]
    BootFileMissing,

    /// <summary>A server refused a file the client asked for (permissions, a secure mode), and no later request got it.</summary>
    [JsonStringEnumMemberName("boot-file-refused")]
    BootFileRefused,

    /// <summary>A boot program built for other firmware (a BIOS program to UEFI, x64 to arm64).</summary>
    [JsonStringEnumMemberName("wrong-firmware-program")]
    WrongFirmwareProgram,

    /// <summary>Another DHCP server answers on the segment.</summary>
    [JsonStringEnumMemberName("other-dhcp-server")]
    OtherDhcpServer,

    /// <summary>A machine took another server's offer, not PxeKit's.</summary>
    [JsonStringEnumMemberName("took-other-offer")]
    TookOtherOffer,

    /// <summary>A DHCP server answers PXE clients with an address and no boot information.</summary>
    [JsonStringEnumMemberName("offer-without-boot-info")]
    OfferWithoutBootInfo,

    /// <summary>iPXE is given iPXE again, forever.</summary>
    [JsonStringEnumMemberName("chainload-loop")]
    ChainloadLoop,

    /// <summary>A DHCP relay forwards requests to another server only, never to PxeKit.</summary>
    [JsonStringEnumMemberName("relay-skips-pxekit")]
    RelaySkipsPxeKit,

    /// <summary>The kernel started, and the expected text never came.</summary>
    [JsonStringEnumMemberName("kernel-without-marker")]
    KernelWithoutMarker,

    /// <summary>No DHCP request from the machine reached the server's interface at all.</summary>
    [JsonStringEnumMemberName("no-dhcp-request")]
    NoDhcpRequest,

    /// <summary>DHCP requests on the wire that no server answered.</summary>
    [JsonStringEnumMemberName("dhcp-unanswered")]
    DhcpUnanswered,

    /// <summary>Requests to the PXE boot server (port 4011) that nothing answered.</summary>
    [JsonStringEnumMemberName("boot-server-unanswered")]
    BootServerUnanswered,

    /// <summary>A TFTP transfer that started and went quiet before its last block.</summary>
    [JsonStringEnumMemberName("tftp-stalled")]
    TftpStalled,

    /// <summary>HTTP boot requests to PxeKit are dropped on the host (its firewall, read by the doctor).</summary>
    [JsonStringEnumMemberName("http-dropped-on-host")]
    HttpDroppedOnHost,

    /// <summary>PxeKit's DHCP replies cannot leave the host: its firewall drops them (EPERM live, or the rule read by the doctor).</summary>
    [JsonStringEnumMemberName("dhcp-replies-blocked")]
    DhcpRepliesBlocked,

    /// <summary>A boot file too large for the way it is sent (TFTP's 65535 blocks, a BIOS ROM's base memory).</summary>
    [JsonStringEnumMemberName("boot-file-too-large")]
    BootFileTooLarge,

    /// <summary>The interface PxeKit serves cannot carry a boot: missing, down, without a link or an IPv4 address, or a small MTU.</summary>
    [JsonStringEnumMemberName("interface-unusable")]
    InterfaceUnusable,

    /// <summary>Another program holds a port PxeKit needs (UDP 67, 69, 4011 or the HTTP port).</summary>
    [JsonStringEnumMemberName("port-taken")]
    PortTaken,

    /// <summary>The external boot API (<c>boot-api:</c>) failed to say what a machine boots: timeout, no connection, an error status, a bad reply.</summary>
    [JsonStringEnumMemberName("boot-api-failed")]
    BootApiFailed,

    /// <summary>An unsigned EFI program sent to firmware that enforces Secure Boot, which refuses to run it (Access Denied).</summary>
    [JsonStringEnumMemberName("unsigned-program")]
    UnsignedProgram,

    /// <summary>
    /// No IPv6 router advertisement with the managed flag: a machine that solicits routers never asks DHCPv6 and has no route,
    /// seen on the wire (trace) or by the doctor's own solicitation when PxeKit answers DHCPv6 and advertises nothing itself.
    /// </summary>
    [JsonStringEnumMemberName("no-managed-router-advertisement")]
    NoManagedRouterAdvertisement,

    /// <summary>
    /// The host's firewall drops ICMPv6 neighbour discovery (types 135 and 136), without which no IPv6 packet reaches a
    /// neighbour, or, when PxeKit sends router advertisements, the solicitations in or the advertisements out (133, 134).
    /// </summary>
    [JsonStringEnumMemberName("icmpv6-dropped-on-host")]
    Icmpv6DroppedOnHost,

    /// <summary>
    /// UEFI HTTP Boot over IPv6 gave up before it sent a DHCPv6 Solicit: edk2 before edk2-stable202508 starts DHCPv6 before
    /// the link-local address has passed duplicate address detection, and does not retry.
    /// </summary>
    [JsonStringEnumMemberName("http-boot-ipv6-not-ready")]
    HttpBootIpv6NotReady,
}
