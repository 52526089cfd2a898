using PxeKit.Core.Events;

namespace PxeKit.Cli.Rendering;

/// <summary>Why PxeKit did not answer a DHCP request, in words.</summary>
internal static class IgnoreReasonText
{
    public static string Of(DhcpFacts request) => request.IgnoreReason switch
    {
        DhcpIgnoreReason.NoScope when request.RelayAddress is { } relay => $"no scope serves relay {relay}",
        DhcpIgnoreReason.NoScope => "no scope serves the interface it came in on",
        DhcpIgnoreReason.NotForServer => "that message type is not one a server answers",
        DhcpIgnoreReason.PoolExhausted => "no free address in the range",
        DhcpIgnoreReason.OtherServerChosen => "the client chose another server's offer",
        DhcpIgnoreReason.NoAddressRequested => "the REQUEST names no address (no option 50, no ciaddr)",
        DhcpIgnoreReason.NoProfile => "no profile matches this client",
        DhcpIgnoreReason.ForNetworkServer => "it is for the network's DHCP server: proxyDHCP leaves it to that server",
        DhcpIgnoreReason.WrongSubnet => "the requested address is not on the client's subnet",
        DhcpIgnoreReason.AddressRefused => "the pool refused the address",
        DhcpIgnoreReason.Bootp => "a BOOTP request (no option 53): PxeKit serves DHCP only",
        DhcpIgnoreReason.NotEthernet => "the hardware is not Ethernet",
        DhcpIgnoreReason.DeclineNotThisServer => "the DECLINE does not name this server (option 54)",
        DhcpIgnoreReason.NotLeaseHolder => "the sender neither holds nor was offered that address: no lease changed",
        DhcpIgnoreReason.DeclineOutsideRange => "the declined address is outside the range",
        DhcpIgnoreReason.NoRecordOfClient => "a rebooting client this server has no record of: left to its own server",
        DhcpIgnoreReason.NotAuthoritative => "the address is on another network and the scope is not authoritative",
        DhcpIgnoreReason.AddressInUse when request.ClaimedBy is { } claimant => $"another host ({claimant}) answered the ARP probe for the address: set aside, the next DISCOVER gets another",
        DhcpIgnoreReason.AddressInUse => "another host answered the ARP probe for the address: set aside, the next DISCOVER gets another",
        DhcpIgnoreReason.PeerAnswers => "another server on the shared lease database answers this client (the servers split new clients among them)",
        DhcpIgnoreReason.Busy => "the server was busy (requests waiting for the lease database): new DISCOVERs wait for the client's next try",
        _ => "PxeKit does not answer it",
    };

    /// <summary>Why PxeKit did not answer a DHCPv6 message, in words.</summary>
    public static string Of(Dhcp6Facts request) => request.IgnoreReason switch
    {
        Dhcp6IgnoreReason.Unparsable => "it is not a DHCPv6 message PxeKit can read",
        Dhcp6IgnoreReason.NotForServers => "that message type is not one a server answers",
        Dhcp6IgnoreReason.Relayed => "a relayed client PxeKit does not serve: past the relay hop limit, or from a link the dhcp6 range is not on",
        Dhcp6IgnoreReason.NoClientId => "it carries no client id (RFC 8415 section 16)",
        Dhcp6IgnoreReason.OtherServer => "it names another server",
        Dhcp6IgnoreReason.NoProfile => "no profile matches this client: no boot options to give",
        Dhcp6IgnoreReason.ForNetworkServer => "boot-only mode leaves addresses to the network's DHCPv6 server",
        _ => "PxeKit does not answer it",
    };
}
