namespace PxeKit.Core.Events;

/// <summary>Why PxeKit left a DHCP request unanswered, or refused it with a NAK.</summary>
public enum DhcpIgnoreReason
{
    /// <summary>No scope serves the interface or the relay the request came through.</summary>
    NoScope,

    /// <summary>The message type is not one a server answers (an OFFER sent to port 67, say).</summary>
    NotForServer,

    /// <summary>Every address of the range is leased or offered.</summary>
    PoolExhausted,

    /// <summary>The REQUEST names another server's offer (<see cref="DhcpFacts.ServerId"/> says whose).</summary>
    OtherServerChosen,

    /// <summary>A REQUEST with neither option 50 nor <c>ciaddr</c>, or a DECLINE without option 50.</summary>
    NoAddressRequested,

    /// <summary>No boot profile matches the client, so PxeKit as proxyDHCP or boot server has nothing to say.</summary>
    NoProfile,

    /// <summary>In proxy mode, a REQUEST that belongs to the network's DHCP server.</summary>
    ForNetworkServer,

    /// <summary>A NAK: the requested address is not on the client's subnet.</summary>
    WrongSubnet,

    /// <summary>A NAK: the pool refused the address (leased to another machine, reserved, declined).</summary>
    AddressRefused,

    /// <summary>A BOOTP request (no option 53): PxeKit serves DHCP only.</summary>
    Bootp,

    /// <summary>A request from hardware other than Ethernet (htype 1, hlen 6), which PxeKit does not serve.</summary>
    NotEthernet,

    /// <summary>
    /// A DECLINE without a server identifier (option 54), or naming another server: it is not about a
    /// lease of this server's (RFC 2131 section 4.4.1, table 5: a DECLINE MUST carry option 54).
    /// </summary>
    DeclineNotThisServer,

    /// <summary>
    /// A DECLINE or RELEASE from a MAC that neither holds nor was offered the address: forged, or stale.
    /// No lease changes.
    /// </summary>
    NotLeaseHolder,

    /// <summary>A DECLINE for an address outside the scope's range: nothing of this server's to set aside.</summary>
    DeclineOutsideRange,

    /// <summary>
    /// A REQUEST in INIT-REBOOT (no server identifier, no <c>ciaddr</c>) from a client this server has no
    /// record of: RFC 2131 section 4.3.2 says the server MUST remain silent, another server may hold its lease.
    /// </summary>
    NoRecordOfClient,

    /// <summary>
    /// A REQUEST in INIT-REBOOT for an address on another network, to a scope that is not <c>authoritative</c>:
    /// only an authoritative server NAKs it (as in Kea and ISC dhcpd).
    /// </summary>
    NotAuthoritative,

    /// <summary>
    /// A DISCOVER whose OFFER was withheld: another host answered the ARP probe for the address the pool
    /// chose (<see cref="DhcpFacts.ClaimedBy"/> names its MAC). The address is set aside like a declined
    /// one, and the client's next DISCOVER gets another. Named once per address and MAC.
    /// </summary>
    AddressInUse,

    /// <summary>
    /// A DISCOVER left to another server on the same shared lease database: the servers split new clients among them
    /// by a hash of the client (docs/scale-out.md), and this client is another live server's. Every server answers it
    /// once it has asked for three seconds.
    /// </summary>
    PeerAnswers,

    /// <summary>
    /// A DISCOVER dropped because the server is busy: all its requests in flight (256) wait for the lease database. REQUESTs,
    /// which finish exchanges, are still served; the client's next DISCOVER is answered once the backlog is gone.
    /// </summary>
    Busy,
}
