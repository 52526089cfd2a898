namespace PxeKit.Diagnostics.Firewall;

/// <summary>The program names of each <see cref="FirewallTool"/>.</summary>
public static class FirewallToolNames
{
    /// <summary>The program that changes rules: <c>iptables</c>, <c>iptables-legacy</c>, <c>ip6tables</c>, <c>ip6tables-legacy</c> or <c>nft</c>.</summary>
    public static string Program(this FirewallTool tool) => tool switch
    {
        FirewallTool.Iptables => "iptables",
        FirewallTool.IptablesLegacy => "iptables-legacy",
        FirewallTool.Ip6tables => "ip6tables",
        FirewallTool.Ip6tablesLegacy => "ip6tables-legacy",
        _ => "nft",
    };

    /// <summary>ip6tables or ip6tables-legacy: rules for IPv6 packets only.</summary>
    public static bool IsIp6tables(this FirewallTool tool) => tool is FirewallTool.Ip6tables or FirewallTool.Ip6tablesLegacy;
}
