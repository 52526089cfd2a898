using System.Security.Cryptography;

namespace PxeKit.Reliability.Tests.Support;

/// <summary>
/// Two namespaces joined by a veth pair, named with the pxr prefix: the server side has 10.49.0.1/24,
/// the client side a fixed 10.49.0.50/24 (outside every DHCP range used here). Faults on the link
/// come from <see cref="PxrImpairment"/>.
/// </summary>
internal sealed class PxrNetwork : IAsyncDisposable
{
    public const string ServerAddress = "10.49.0.1";
    public const string ClientStaticAddress = "10.49.0.50";

    private PxrNetwork(string id)
    {
        ServerNamespace = $"pxr-{id}-s";
        ClientNamespace = $"pxr-{id}-c";
        ServerInterface = $"pxr{id}s";
        ClientInterface = $"pxr{id}c";
    }

    public string ServerNamespace { get; }

    public string ClientNamespace { get; }

    public string ServerInterface { get; }

    public string ClientInterface { get; }

    public static async Task<PxrNetwork> CreateAsync()
    {
        var network = new PxrNetwork(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(2)));
        try
        {
            await network.SetUpAsync();
            return network;
        }
        catch
        {
            await network.DisposeAsync();
            throw;
        }
    }

    /// <summary>Gives the client interface another MAC, to play another machine.</summary>
    public Task SetClientMacAsync(string mac) =>
        Sh.CheckAsync("ip", "-n", ClientNamespace, "link", "set", "dev", ClientInterface, "address", mac);

    /// <summary>Runs a command in the client namespace.</summary>
    public Task<Sh.Result> ClientAsync(TimeSpan timeout, params string[] command) =>
        Sh.InNamespaceAsync(ClientNamespace, timeout, command);

    public async ValueTask DisposeAsync()
    {
        await Sh.RunAsync("ip", "netns", "del", ServerNamespace);
        await Sh.RunAsync("ip", "netns", "del", ClientNamespace);
    }

    private async Task SetUpAsync()
    {
        await Sh.CheckAsync("ip", "netns", "add", ServerNamespace);
        await Sh.CheckAsync("ip", "netns", "add", ClientNamespace);
        await Sh.CheckAsync("ip", "-n", ServerNamespace, "link", "add", ServerInterface, "type", "veth", "peer", "name", ClientInterface, "netns", ClientNamespace);
        await Sh.CheckAsync("ip", "-n", ServerNamespace, "addr", "add", ServerAddress + "/24", "dev", ServerInterface);
        await Sh.CheckAsync("ip", "-n", ClientNamespace, "addr", "add", ClientStaticAddress + "/24", "dev", ClientInterface);
        foreach (var (ns, nic) in new[] { (ServerNamespace, ServerInterface), (ClientNamespace, ClientInterface) })
        {
            await Sh.CheckAsync("ip", "-n", ns, "link", "set", "lo", "up");
            await Sh.CheckAsync("ip", "-n", ns, "link", "set", nic, "up");
        }
    }
}
