using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using PxeKit.Core.Net;

namespace PxeKit.Core.Tests.Net;

public class InterfaceLinkTests
{
    [Fact]
    public void Loopback_is_index_1_with_127_0_0_1() =>
        Assert.Equal(new InterfaceLink(1, IPAddress.Loopback), InterfaceLink.Probe("lo"));

    [Theory]
    [InlineData("pxk-none0")]
    [InlineData("a-name-longer-than-ifnamsiz")]
    [InlineData("")]
    public void A_missing_interface_is_null(string name) => Assert.Null(InterfaceLink.Probe(name));

    // The kernel's two answers say what .NET's NetworkInterface says, for every interface of this host: its index and
    // its first IPv4 address, or none.
    [Fact]
    public void Every_interface_reads_as_NetworkInterface_reads_it()
    {
        var nics = NetworkInterface.GetAllNetworkInterfaces();
        Assert.NotEmpty(nics);
        foreach (var nic in nics)
        {
            var properties = nic.GetIPProperties();
            var expected = new InterfaceLink(
                properties.GetIPv4Properties().Index,
                properties.UnicastAddresses.FirstOrDefault(a => a.Address.AddressFamily == AddressFamily.InterNetwork)?.Address);
            Assert.Equal(expected, InterfaceLink.Probe(nic.Name));
        }
    }

    // What serve's interface watch must see, on a real interface in a namespace of its own: no address, an address, a new
    // index once deleted and created again, and nothing once gone.
    [HostFact]
    public async Task An_interface_is_seen_as_it_changes()
    {
        string ns = $"pxk-il-{Environment.ProcessId}";
        await Sh.CheckAsync("ip", "netns", "add", ns);
        try
        {
            await Sh.CheckAsync("ip", "-n", ns, "link", "add", "pxd0", "type", "veth", "peer", "name", "pxd1");
            var bare = InNamespace(ns, "pxd0");
            Assert.NotNull(bare);
            Assert.Null(bare.Address);

            await Sh.CheckAsync("ip", "-n", ns, "addr", "add", "10.99.0.1/24", "dev", "pxd0");
            await Sh.CheckAsync("ip", "-n", ns, "addr", "add", "10.99.0.2/24", "dev", "pxd0");
            Assert.Equal(new InterfaceLink(bare.Index, IPAddress.Parse("10.99.0.1")), InNamespace(ns, "pxd0"));

            await Sh.CheckAsync("ip", "-n", ns, "link", "del", "pxd0");
            Assert.Null(InNamespace(ns, "pxd0"));
            await Sh.CheckAsync("ip", "-n", ns, "link", "add", "pxd0", "type", "veth", "peer", "name", "pxd1");
            Assert.NotEqual(bare.Index, InNamespace(ns, "pxd0")!.Index);
        }
        finally
        {
            await Sh.RunAsync("ip", "netns", "del", ns);
        }
    }

    private static InterfaceLink? InNamespace(string ns, string name) => NetworkNamespace.Run(ns, () => InterfaceLink.Probe(name));
}
