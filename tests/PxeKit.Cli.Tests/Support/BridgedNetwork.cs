using System.Security.Cryptography;

namespace PxeKit.Cli.Tests.Support;

/// <summary>
/// A small switched network: a server namespace holding a bridge with 10.48.0.1/24, and other hosts
/// (namespaces) each plugged into the bridge by a veth pair. Removed on dispose.
/// </summary>
internal sealed class BridgedNetwork : IAsyncDisposable
{
    public const string ServerAddress = "10.48.0.1";
    private readonly string _id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(2));
    private readonly List<string> _namespaces = [];

    private BridgedNetwork()
    {
        ServerNamespace = $"pxkt-{_id}-br";
        Bridge = $"pxkt{_id}br";
    }

    public string ServerNamespace { get; }

    public string Bridge { get; }

    public static async Task<BridgedNetwork> CreateAsync()
    {
        var network = new BridgedNetwork();
        try
        {
            var ns = network.ServerNamespace;
            network._namespaces.Add(ns);
            await Sh.CheckAsync("ip", "netns", "add", ns);
            await Sh.CheckAsync("ip", "-n", ns, "link", "set", "lo", "up");
            await Sh.CheckAsync("ip", "-n", ns, "link", "add", network.Bridge, "type", "bridge");
            await Sh.CheckAsync("ip", "-n", ns, "addr", "add", ServerAddress + "/24", "dev", network.Bridge);
            await Sh.CheckAsync("ip", "-n", ns, "link", "set", network.Bridge, "up");
            return network;
        }
        catch
        {
            await network.DisposeAsync();
            throw;
        }
    }

    /// <summary>Adds a host; returns its namespace and its interface name. <paramref name="address"/> is CIDR or null.</summary>
    public async Task<(string Namespace, string Interface)> AddHostAsync(string name, string? address)
    {
        var ns = $"pxkt-{_id}-{name}";
        var inside = $"pxkt{_id}{name}";
        var outside = $"pxkt{_id}{name}p";
        _namespaces.Add(ns);
        await Sh.CheckAsync("ip", "netns", "add", ns);
        await Sh.CheckAsync("ip", "-n", ns, "link", "set", "lo", "up");
        await Sh.CheckAsync("ip", "-n", ns, "link", "add", inside, "type", "veth", "peer", "name", outside, "netns", ServerNamespace);
        if (address is not null)
        {
            await Sh.CheckAsync("ip", "-n", ns, "addr", "add", address, "dev", inside);
        }

        await Sh.CheckAsync("ip", "-n", ns, "link", "set", inside, "up");
        await Sh.CheckAsync("ip", "-n", ServerNamespace, "link", "set", outside, "master", Bridge);
        await Sh.CheckAsync("ip", "-n", ServerNamespace, "link", "set", outside, "up");
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
