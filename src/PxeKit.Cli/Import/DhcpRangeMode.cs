namespace PxeKit.Cli.Import;

/// <summary>The mode keyword of a <c>dhcp-range</c>.</summary>
public enum DhcpRangeMode
{
    /// <summary>Addresses handed out from the range (no keyword).</summary>
    Dynamic,

    /// <summary><c>static</c>: only hosts with a <c>dhcp-host</c> address are answered.</summary>
    Static,

    /// <summary><c>proxy</c>: proxyDHCP on the subnet; another server hands out the addresses.</summary>
    Proxy,
}
