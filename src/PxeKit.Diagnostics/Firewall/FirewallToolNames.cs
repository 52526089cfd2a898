namespace PxeKit.Diagnostics.Firewall;

/// <summary>The program names of each <see cref="FirewallTool"/>.</summary>
public static class FirewallToolNames
{
    /// <summary>The program that changes rules: <c>iptables</c>, <c>iptables-legacy</c> or <c>nft</c>.</summary>
    public static string Program(this FirewallTool tool) => tool switch
    {
        FirewallTool.Iptables => "iptables",
        FirewallTool.IptablesLegacy => "iptables-legacy",
        _ => "nft",
    };
}
