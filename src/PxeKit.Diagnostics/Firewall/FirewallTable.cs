using PxeKit.Core.Events;

namespace PxeKit.Diagnostics.Firewall;

/// <summary>One table as a tool shows it: iptables' <c>filter</c>, nft's <c>inet filter</c>.</summary>
/// <param name="Family">nft's family (ip, ip6, inet, ...); null for iptables tables (IPv4) and ip6tables tables (IPv6).</param>
internal sealed record FirewallTable(FirewallTool Tool, string? Family, string Name, IReadOnlyList<FirewallChain> Chains)
{
    public FirewallChain? Find(string chain) => Chains.FirstOrDefault(c => c.Name == chain);

    /// <summary>Whether packets of <paramref name="family"/> pass this table's chains: nft <c>inet</c> tables see both versions.</summary>
    public bool Sees(IpFamily family) => Family switch
    {
        null => Tool.IsIp6tables() == (family == IpFamily.Ipv6),
        "inet" => true,
        "ip" => family == IpFamily.Ipv4,
        "ip6" => family == IpFamily.Ipv6,
        _ => false,
    };

    /// <summary>For people: <c>iptables' filter table</c>, <c>nft table inet filter</c>.</summary>
    public string Describe() => Family is null ? $"{Tool.Program()}' {Name} table" : $"nft table {Family} {Name}";
}
