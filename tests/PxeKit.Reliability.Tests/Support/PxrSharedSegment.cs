using System.Security.Cryptography;

namespace PxeKit.Reliability.Tests.Support;

/// <summary>
/// One Ethernet segment for several servers: a namespace holding a bridge, and hosts (namespaces) plugged into it by a
/// veth pair each, named with the pxr prefix, on 10.49.0.0/24. Removed on dispose.
/// </summary>
internal sealed class PxrSharedSegment : IAsyncDisposable
{
    private readonly string _id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(2));
    private readonly List<string> _namespaces = [];

    private PxrSharedSegment() => Bridge = $"pxr{_id}br";

    private string BridgeNamespace => $"pxr-{_id}-br";

    private string Bridge { get; }

    public static async Task<PxrSharedSegment> CreateAsync()
    {
        var segment = new PxrSharedSegment();
        try
        {
            segment._namespaces.Add(segment.BridgeNamespace);
            await Sh.CheckAsync("ip", "netns", "add", segment.BridgeNamespace);
            await Sh.CheckAsync("ip", "-n", segment.BridgeNamespace, "link", "add", segment.Bridge, "type", "bridge");
            await Sh.CheckAsync("ip", "-n", segment.BridgeNamespace, "link", "set", segment.Bridge, "up");
            return segment;
        }
        catch
        {
            await segment.DisposeAsync();
            throw;
        }
    }

    /// <summary>Adds a host with <paramref name="address"/> (CIDR); returns its namespace and its interface.</summary>
    public async Task<(string Namespace, string Interface)> AddHostAsync(string name, string address)
    {
        var ns = $"pxr-{_id}-{name}";
        var inside = $"pxr{_id}{name}";
        var outside = $"pxr{_id}{name}p";
        _namespaces.Add(ns);
        await Sh.CheckAsync("ip", "netns", "add", ns);
        await Sh.CheckAsync("ip", "-n", ns, "link", "set", "lo", "up");
        await Sh.CheckAsync("ip", "-n", ns, "link", "add", inside, "type", "veth", "peer", "name", outside, "netns", BridgeNamespace);
        await Sh.CheckAsync("ip", "-n", ns, "addr", "add", address, "dev", inside);
        await Sh.CheckAsync("ip", "-n", ns, "link", "set", inside, "up");
        await Sh.CheckAsync("ip", "-n", BridgeNamespace, "link", "set", outside, "master", Bridge);
        await Sh.CheckAsync("ip", "-n", BridgeNamespace, "link", "set", outside, "up");
        return (ns, inside);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var ns in _namespaces)
        {
            await Sh.RunAsync("ip", "netns", "del", ns);
        }
    }
}
