namespace PxeKit.Diagnostics.Firewall;

/// <summary>The netfilter hooks a packet passes in each direction, in order.</summary>
internal static class FirewallHooks
{
    public static IReadOnlyList<string> For(TrafficDirection direction) => direction switch
    {
        TrafficDirection.Incoming => ["prerouting", "input"],
        TrafficDirection.Outgoing => ["output", "postrouting"],
        _ => ["prerouting", "forward", "postrouting"],
    };
}
