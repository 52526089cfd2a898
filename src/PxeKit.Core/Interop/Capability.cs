namespace PxeKit.Core.Interop;

/// <summary>The Linux capabilities PxeKit may keep after it leaves root (capabilities(7); values from linux/capability.h).</summary>
public enum Capability
{
    /// <summary>CAP_NET_BIND_SERVICE: binding ports below 1024 (DHCP 67, TFTP 69, HTTP 80).</summary>
    NetBindService = 10,

    /// <summary>
    /// CAP_NET_ADMIN: reading the firewall's rules (iptables and nft ask netlink, which wants it) and the listeners'
    /// large receive buffers (SO_RCVBUFFORCE, past net.core.rmem_max).
    /// </summary>
    NetAdmin = 12,

    /// <summary>CAP_NET_RAW: the packet capture (an AF_PACKET socket), raw ARP probes, and SO_BINDTODEVICE on a bound socket.</summary>
    NetRaw = 13,
}
