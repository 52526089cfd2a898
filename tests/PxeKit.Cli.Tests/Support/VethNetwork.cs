using System.Text.RegularExpressions;
using System.Security.Cryptography;

namespace PxeKit.Cli.Tests.Support;

/// <summary>
/// Two namespaces joined by a veth pair: a server side with 10.48.0.1/24 and a client side with a
/// fixed 10.48.0.50/24 (outside the DHCP range) for sending raw datagrams. Removed on dispose.
/// </summary>
internal sealed partial class VethNetwork : IAsyncDisposable
{
    public const string ServerAddress = "10.48.0.1";
    public const string ClientStaticAddress = "10.48.0.50";

    private VethNetwork(string id, string namespacePrefix)
    {
        ServerNamespace = $"{namespacePrefix}{id}-s";
        ClientNamespace = $"{namespacePrefix}{id}-c";
        ServerInterface = $"pxkt{id}s";
        ClientInterface = $"pxkt{id}c";
    }

    public string ServerNamespace { get; }

    public string ClientNamespace { get; }

    public string ServerInterface { get; }

    public string ClientInterface { get; }

    /// <param name="namespacePrefix">How the two namespaces' names start (<c>pxkt-</c> unless a test keeps its own apart).</param>
    public static async Task<VethNetwork> CreateAsync(string namespacePrefix = "pxkt-")
    {
        var network = new VethNetwork(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(2)), namespacePrefix);
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

    /// <summary>Gives the client interface another MAC, to play another machine.</summary>
    public Task SetClientMacAsync(string mac) =>
        Sh.CheckAsync("ip", "-n", ClientNamespace, "link", "set", "dev", ClientInterface, "address", mac);

    /// <summary>Sends one UDP datagram from the client namespace (bash's /dev/udp, no extra tool).</summary>
    public Task<Sh.Result> SendUdpAsync(string hexPayload, int port) =>
        Sh.InNamespaceAsync(ClientNamespace, TimeSpan.FromSeconds(10), "bash", "-c",
            $"printf '{string.Concat(Convert.FromHexString(hexPayload).Select(b => $"\\x{b:x2}"))}' > /dev/udp/{ServerAddress}/{port}");

    /// <summary>
    /// busybox udhcpc on the client side, with a script (written in <paramref name="work"/>) that prints what it was
    /// given instead of configuring anything; null when it got no lease.
    /// </summary>
    public async Task<UdhcpcLease?> UdhcpcAsync(string work)
    {
        var script = Path.Combine(work, "udhcpc.sh");
        await File.WriteAllTextAsync(script, "#!/bin/sh\n[ \"$1\" = bound ] && echo \"LEASE ip=$ip serverid=$serverid siaddr=$siaddr\"\nexit 0\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var result = await Sh.InNamespaceAsync(ClientNamespace, TimeSpan.FromSeconds(30),
            "busybox", "udhcpc", "-i", ClientInterface, "-n", "-q", "-f", "-t", "4", "-T", "1", "-A", "1", "-s", script);
        var match = LeaseLine().Match(result.Output);
        return match.Success ? new UdhcpcLease(match.Groups[1].Value, match.Groups[2].Value, match.Groups[3].Value) : null;
    }

    /// <summary>tftp-hpa on the client side: gets <paramref name="file"/> from the server into <paramref name="destination"/>.</summary>
    public Task<Sh.Result> TftpGetAsync(string file, string destination) =>
        Sh.InNamespaceAsync(ClientNamespace, TimeSpan.FromSeconds(20), "tftp", ServerAddress, "-c", "get", file, destination);

    public async ValueTask DisposeAsync()
    {
        await Sh.RunAsync("ip", "netns", "del", ServerNamespace);
        await Sh.RunAsync("ip", "netns", "del", ClientNamespace);
    }

    [GeneratedRegex(@"LEASE ip=(\S+) serverid=(\S+) siaddr=(\S*)")]
    private static partial Regex LeaseLine();
}
