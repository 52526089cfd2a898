using System.Security.Cryptography;

namespace PxeKit.Cli.Tests.Load;

/// <summary>
/// Two namespaces joined by a veth pair for the load tests (prefix <c>pxb</c>): the server side
/// 10.73.0.1/24, the client side 10.73.0.2/24. Removed on dispose.
/// </summary>
internal sealed class LoadNetwork : IAsyncDisposable
{
    public const string ServerAddress = "10.73.0.1";

    private LoadNetwork(string id)
    {
        ServerNamespace = $"pxb-{id}-s";
        ClientNamespace = $"pxb-{id}-c";
        ServerInterface = $"pxb{id}s";
        ClientInterface = $"pxb{id}c";
    }

    public string ServerNamespace { get; }

    public string ClientNamespace { get; }

    public string ServerInterface { get; }

    public string ClientInterface { get; }

    public static async Task<LoadNetwork> CreateAsync()
    {
        var network = new LoadNetwork(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(2)));
        try
        {
            await Sh.CheckAsync("ip", "netns", "add", network.ServerNamespace);
            await Sh.CheckAsync("ip", "netns", "add", network.ClientNamespace);
            await Sh.CheckAsync("ip", "-n", network.ServerNamespace, "link", "add", network.ServerInterface, "type", "veth",
                "peer", "name", network.ClientInterface, "netns", network.ClientNamespace);
            await Sh.CheckAsync("ip", "-n", network.ServerNamespace, "addr", "add", ServerAddress + "/24", "dev", network.ServerInterface);
            await Sh.CheckAsync("ip", "-n", network.ClientNamespace, "addr", "add", "10.73.0.2/24", "dev", network.ClientInterface);
            foreach (var (ns, nic) in new[] { (network.ServerNamespace, network.ServerInterface), (network.ClientNamespace, network.ClientInterface) })
            {
                await Sh.CheckAsync("ip", "-n", ns, "link", "set", "lo", "up");
                await Sh.CheckAsync("ip", "-n", ns, "link", "set", nic, "up");
            }

            return network;
        }
        catch
        {
            await network.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs <c>pxekit load ARGS</c> in the client namespace.</summary>
    public Task<Sh.Result> LoadAsync(params string[] arguments) =>
        Sh.InNamespaceAsync(ClientNamespace, TimeSpan.FromSeconds(90), ["dotnet", ServeProcess.PxekitDll, "load", .. arguments]);

    public async ValueTask DisposeAsync()
    {
        await Sh.RunAsync("ip", "netns", "del", ServerNamespace);
        await Sh.RunAsync("ip", "netns", "del", ClientNamespace);
    }
}
