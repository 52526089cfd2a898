using PxeKit.Core.Events;

namespace PxeKit.Cli.Rendering;

/// <summary>Why PxeKit did not answer a DHCP request, in words.</summary>
internal static class IgnoreReasonText
{
    public static string Of(DhcpIgnoreReason reason) => reason switch
    {
        DhcpIgnoreReason.NoScope => "no scope serves the interface or relay it came through",
        DhcpIgnoreReason.NotForServer => "that message type is not one a server answers",
        DhcpIgnoreReason.PoolExhausted => "no free address in the range",
        DhcpIgnoreReason.OtherServerChosen => "the client chose another server's offer",
        DhcpIgnoreReason.NoAddressRequested => "the REQUEST names no address (no option 50, no ciaddr)",
        DhcpIgnoreReason.NoProfile => "no profile matches this client",
        DhcpIgnoreReason.ForNetworkServer => "it is for the network's DHCP server: proxyDHCP leaves it to that server",
        DhcpIgnoreReason.WrongSubnet => "the requested address is not on the client's subnet",
        _ => "the pool refused the address",
    };
}
