namespace PxeKit.Diagnostics.Firewall;

/// <summary>Which way a packet crosses the inspected host (or network namespace).</summary>
public enum TrafficDirection
{
    /// <summary>To a socket on this host: PREROUTING then INPUT.</summary>
    Incoming,

    /// <summary>From a socket on this host: OUTPUT then POSTROUTING.</summary>
    Outgoing,

    /// <summary>
    /// Through this host to PxeKit elsewhere (routed, or bridged when br_netfilter makes bridged frames
    /// traverse iptables): PREROUTING, FORWARD, POSTROUTING.
    /// </summary>
    Forwarded,
}
