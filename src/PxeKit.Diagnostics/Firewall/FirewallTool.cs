namespace PxeKit.Diagnostics.Firewall;

/// <summary>The program whose rules a finding comes from; its rules are changed with the same program.</summary>
public enum FirewallTool
{
    /// <summary><c>iptables</c> with Debian 12's nf_tables backend (read with <c>iptables-save</c>).</summary>
    Iptables,

    /// <summary><c>iptables-legacy</c>: the older x_tables, a separate rule set (read with <c>iptables-legacy-save</c>).</summary>
    IptablesLegacy,

    /// <summary>Native nftables tables (read with <c>nft -j list ruleset</c>).</summary>
    Nft,

    /// <summary><c>ip6tables</c> with the nf_tables backend: IPv6 rules (read with <c>ip6tables-save</c>).</summary>
    Ip6tables,

    /// <summary><c>ip6tables-legacy</c>: IPv6 x_tables rules, a separate rule set (read with <c>ip6tables-legacy-save</c>).</summary>
    Ip6tablesLegacy,
}
