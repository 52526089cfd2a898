namespace PxeKit.Diagnostics.Firewall;

/// <summary>The conntrack state the kernel gives the packet in question; rules with <c>--state</c> / <c>ct state</c> test it.</summary>
public enum ConnectionState
{
    /// <summary>The first packet of a flow conntrack has not seen (conntrack's NEW).</summary>
    New,

    /// <summary>A reply to, or a later packet of, a flow conntrack already tracks (conntrack's ESTABLISHED).</summary>
    Established,

    /// <summary>A packet conntrack does not track (conntrack's UNTRACKED): ICMPv6 neighbour and router discovery.</summary>
    Untracked,
}
