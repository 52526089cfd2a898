namespace PxeKit.Core.Events;

/// <summary>Why PxeKit left a DHCPv6 message unanswered.</summary>
public enum Dhcp6IgnoreReason
{
    /// <summary>The datagram is not a DHCPv6 message PxeKit can read (the detail names the parse error).</summary>
    Unparsable,
    /// <summary>A message type servers do not answer (Advertise, Reply, Reconfigure, Relay-reply).</summary>
    NotForServers,
    /// <summary>
    /// A relayed message PxeKit does not serve: past the hop limit, or, in full mode, from a link its range is not on.
    /// </summary>
    Relayed,
    /// <summary>Solicit, Request, Renew, Rebind, Release or Decline without a client id (RFC 8415 section 16).</summary>
    NoClientId,
    /// <summary>A message that names another server (option 2 is not PxeKit's DUID), or a Solicit that names any.</summary>
    OtherServer,
    /// <summary>No profile matches the client: no boot options to give (boot-only mode answers nothing then).</summary>
    NoProfile,
    /// <summary>Boot-only mode leaves addresses to the network's DHCPv6 server (Request, Renew, Rebind, Confirm, Release, Decline).</summary>
    ForNetworkServer,
}
