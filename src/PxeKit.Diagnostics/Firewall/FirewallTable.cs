namespace PxeKit.Diagnostics.Firewall;

/// <summary>One table as a tool shows it: iptables' <c>filter</c>, nft's <c>inet filter</c>.</summary>
/// <param name="Family">nft's family (ip, inet, ...); null for iptables tables (always IPv4).</param>
internal sealed record FirewallTable(FirewallTool Tool, string? Family, string Name, IReadOnlyList<FirewallChain> Chains)
{
    public FirewallChain? Find(string chain) => Chains.FirstOrDefault(c => c.Name == chain);

    /// <summary>For people: <c>iptables' filter table</c>, <c>nft table inet filter</c>.</summary>
    public string Describe() => Family is null ? $"{Tool.Program()}' {Name} table" : $"nft table {Family} {Name}";
}
