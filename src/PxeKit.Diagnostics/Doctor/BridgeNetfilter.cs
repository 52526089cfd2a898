namespace PxeKit.Diagnostics.Doctor;

/// <summary>
/// Whether frames bridged by an interface pass the iptables and nft ip/inet chains: only when the interface is a
/// bridge and br_netfilter is on for it (<c>net.bridge.bridge-nf-call-iptables</c> and the bridge's own
/// <c>nf_call_iptables</c>). Then a FORWARD rule can drop DHCP between a client and a server on two ports of it.
/// </summary>
public static class BridgeNetfilter
{
    public static bool IsBridge(string name) => Directory.Exists($"/sys/class/net/{name}/bridge");

    /// <summary>True when bridged frames on <paramref name="name"/> traverse iptables.</summary>
    public static bool FeedsIptables(string name) =>
        IsBridge(name) && (Read("/proc/sys/net/bridge/bridge-nf-call-iptables") == "1" || Read($"/sys/class/net/{name}/bridge/nf_call_iptables") == "1");

    private static string? Read(string path)
    {
        try
        {
            return File.ReadAllText(path).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
