namespace PxeKit.Diagnostics.Firewall;

/// <summary>What a finding does to the packet.</summary>
public enum FirewallVerdict
{
    /// <summary>Discarded silently: the sender only sees a timeout.</summary>
    Drop,

    /// <summary>Discarded with an ICMP error (or TCP reset) to the sender.</summary>
    Reject,
}
