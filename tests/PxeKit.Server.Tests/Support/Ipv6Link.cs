using System.Security.Cryptography;

namespace PxeKit.Server.Tests.Support;

/// <summary>
/// Two network namespaces of the test's own joined by a veth pair, for IPv6: the server side has
/// <see cref="ServerAddress"/>/64, both sides skip duplicate address detection so their link-local addresses are usable
/// at once. <see cref="InServerNamespace{T}"/> opens sockets there from this process. Removed on dispose.
/// </summary>
internal sealed class Ipv6Link : IAsyncDisposable
{
    public const string ServerAddress = "fd00:48::1";

    private Ipv6Link(string id)
    {
        ServerNamespace = $"pxk6-{id}-s";
        ClientNamespace = $"pxk6-{id}-c";
        ServerInterface = $"pxk6{id}s";
        ClientInterface = $"pxk6{id}c";
    }

    public string ServerNamespace { get; }

    public string ClientNamespace { get; }

    public string ServerInterface { get; }

    public string ClientInterface { get; }

    public static async Task<Ipv6Link> CreateAsync()
    {
        var link = new Ipv6Link(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(2)));
        try
        {
            await Sh.CheckAsync("ip", "netns", "add", link.ServerNamespace);
            await Sh.CheckAsync("ip", "netns", "add", link.ClientNamespace);
            await Sh.CheckAsync("ip", "-n", link.ServerNamespace, "link", "add", link.ServerInterface, "type", "veth", "peer", "name", link.ClientInterface, "netns", link.ClientNamespace);
            foreach (var (ns, nic) in new[] { (link.ServerNamespace, link.ServerInterface), (link.ClientNamespace, link.ClientInterface) })
            {
                await Sh.CheckAsync("ip", "netns", "exec", ns, "sysctl", "-qw", $"net.ipv6.conf.{nic}.accept_dad=0");
                await Sh.CheckAsync("ip", "-n", ns, "link", "set", "lo", "up");
                await Sh.CheckAsync("ip", "-n", ns, "link", "set", nic, "up");
            }

            await Sh.CheckAsync("ip", "-n", link.ServerNamespace, "-6", "addr", "add", ServerAddress + "/64", "dev", link.ServerInterface, "nodad");

            // The kernel gives each side its link-local address once the pair's carrier is up: clients need it.
            foreach (var (ns, nic) in new[] { (link.ServerNamespace, link.ServerInterface), (link.ClientNamespace, link.ClientInterface) })
            {
                await Eventually.HoldsAsync(async () => (await Sh.RunAsync("ip", "-n", ns, "-6", "addr", "show", "dev", nic, "scope", "link")).Output.Contains("fe80::", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
            }

            return link;
        }
        catch
        {
            await link.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Runs <paramref name="open"/> on a thread of its own moved into the server namespace (setns), so that the sockets
    /// it opens live there; the thread then ends. Everything else of the process stays where it was.
    /// </summary>
    public T InServerNamespace<T>(Func<T> open) => NetworkNamespace.Run(ServerNamespace, open);

    public async ValueTask DisposeAsync()
    {
        await Sh.RunAsync("ip", "netns", "del", ServerNamespace);
        await Sh.RunAsync("ip", "netns", "del", ClientNamespace);
    }
}
