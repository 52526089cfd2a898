namespace PxeKit.Cli.Tests.Support;

/// <summary>
/// A lab network made by hand, as a user would for a VM: a namespace of its own (an old one of that name removed first),
/// a bridge there with the server's address, and a tap on the bridge for QEMU. The test removes the namespace when done.
/// </summary>
internal static class TapBridge
{
    /// <param name="serverAddress">The bridge's address with its prefix, <c>10.49.0.1/24</c>.</param>
    public static async Task CreateAsync(string ns, string bridge, string tap, string serverAddress)
    {
        await Sh.RunAsync("ip", "netns", "del", ns);
        await Sh.CheckAsync("ip", "netns", "add", ns);
        await Sh.CheckAsync("ip", "-n", ns, "link", "set", "lo", "up");
        await Sh.CheckAsync("ip", "-n", ns, "link", "add", bridge, "type", "bridge");
        await Sh.CheckAsync("ip", "-n", ns, "addr", "add", serverAddress, "dev", bridge);
        await Sh.CheckAsync("ip", "-n", ns, "link", "set", bridge, "up");
        await Sh.CheckAsync("ip", "-n", ns, "tuntap", "add", "dev", tap, "mode", "tap");
        await Sh.CheckAsync("ip", "-n", ns, "link", "set", tap, "master", bridge);
        await Sh.CheckAsync("ip", "-n", ns, "link", "set", tap, "up");
    }
}
