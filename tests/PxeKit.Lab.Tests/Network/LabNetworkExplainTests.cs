using System.Net;
using PxeKit.Core.Processes;
using PxeKit.Lab.Network;

namespace PxeKit.Lab.Tests.Network;

public sealed class LabNetworkExplainTests
{
    [Fact]
    public async Task Explain_up_prints_the_ip_commands_the_seed_article_typed_by_hand()
    {
        var output = new StringWriter();
        var lab = new LabNetwork(new LabNetworkOptions(), new ExplainCommandRunner(output));

        await lab.UpAsync();

        Assert.Equal(
            """
            ip netns add pxk-lab
            ip -n pxk-lab link set lo up
            ip -n pxk-lab link add pxkbr0 type bridge
            ip -n pxk-lab addr add 10.47.0.1/24 dev pxkbr0
            ip -n pxk-lab -6 addr add fd00:47::1/64 dev pxkbr0 nodad
            ip -n pxk-lab link set pxkbr0 up
            ip -n pxk-lab tuntap add dev pxktap0 mode tap
            ip -n pxk-lab link set pxktap0 master pxkbr0
            ip -n pxk-lab link set pxktap0 up

            """,
            output.ToString());
    }

    [Fact]
    public async Task Explain_down_prints_the_namespace_deletion()
    {
        var output = new StringWriter();
        var lab = new LabNetwork(new LabNetworkOptions(), new ExplainCommandRunner(output));

        var removed = await lab.DownAsync();

        Assert.Equal("ip netns del pxk-lab\n", output.ToString());
        Assert.Empty(removed);
    }

    [Fact]
    public void Commands_inside_the_lab_are_prefixed_with_ip_netns_exec()
    {
        var lab = new LabNetwork(new LabNetworkOptions(), new ExplainCommandRunner(TextWriter.Null));

        var command = lab.InNamespace(new Command("/usr/sbin/dnsmasq", "--conf-file=/dev/null", "--log-facility=it's here"));

        Assert.Equal("ip netns exec pxk-lab /usr/sbin/dnsmasq --conf-file=/dev/null '--log-facility=it'\\''s here'", command.ToShell());
    }

    [Fact]
    public void Every_invalid_option_is_reported_at_once()
    {
        var options = new LabNetworkOptions
        {
            Namespace = "other",
            Bridge = "pxkbridge-much-too-long",
            Tap = "pxk tap",
            BridgeAddress = IPAddress.Parse("8.8.8.1"),
        };

        var errors = options.Validate();

        Assert.Equal(5, errors.Count); // namespace: no "pxk-" and no "pxk"; bridge too long; tap has a space; public address
        Assert.Throws<ArgumentException>(() => new LabNetwork(options, new ExplainCommandRunner(TextWriter.Null)));
    }

    [Fact]
    public void The_default_labs_leftovers_are_its_own_namespaces_alone()
    {
        var status = new LabNetworkStatus
        {
            Options = new LabNetworkOptions(),
            Namespaces = ["pxk-lab", "pxk-dhcp"],
            Links = [],
            ProcessIds = [],
        };

        Assert.Equal(["pxk-dhcp"], status.Leftovers);
        Assert.Equal(["pxk-lab", "pxk-dhcp"], status.Options.OwnNamespaces);
        Assert.Equal("pxk-", status.Options.NamespacePrefix);
        Assert.False("pxkn1234-lab".StartsWith(status.Options.NamespacePrefix, StringComparison.Ordinal));
    }

    [Fact]
    public void Ip_json_output_is_read_into_links()
    {
        const string json = """
            [{"ifindex":1,"ifname":"lo","flags":["LOOPBACK","UP","LOWER_UP"],"addr_info":[{"family":"inet","local":"127.0.0.1","prefixlen":8}]},
             {"ifindex":2,"ifname":"pxkbr0","flags":["BROADCAST","MULTICAST","UP"],"addr_info":[{"family":"inet","local":"10.47.0.1","prefixlen":24}]},
             {"ifindex":3,"ifname":"pxktap0","flags":["BROADCAST","MULTICAST"],"master":"pxkbr0","addr_info":[]}]
            """;

        var links = LabNetwork.ParseLinks(json);

        Assert.Equal(("pxkbr0", true, (string?)null), (links[1].Name, links[1].IsUp, links[1].Master));
        Assert.Equal(["10.47.0.1/24"], links[1].Addresses);
        Assert.Equal("pxkbr0", links[2].Master);
        Assert.False(links[2].IsUp);
    }
}
