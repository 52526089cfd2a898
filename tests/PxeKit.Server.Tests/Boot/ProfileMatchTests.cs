using System.Net;
using PxeKit.Protocol.Dhcp;
using PxeKit.Server.Boot;

namespace PxeKit.Server.Tests.Boot;

/// <summary>The conditions a profile can hold beyond firmware and MAC (issue 18): each matches, and says why it does not.</summary>
public sealed class ProfileMatchTests
{
    private static readonly BootClient Relayed = BootClients.Bios() with
    {
        Network = IPAddress.Parse("10.60.0.1"),
        Uuid = "8c2d4e5f-0a1b-4c3d-9e8f-123456789abc",
        HostName = "node-17",
        RelayAgent = new RelayAgentInformation("eth0:100", "00:11:22:33:44:55"),
        Interface = "eth1",
    };

    public static TheoryData<ProfileMatch, string?> Cases() => new()
    {
        { new ProfileMatch { Subnets = [Subnet("10.60.0.0/24")] }, null },
        { new ProfileMatch { Subnets = [Subnet("10.61.0.0/24"), Subnet("10.62.0.0/16")] }, "its subnet (10.60.0.1) is not in 10.61.0.0/24, 10.62.0.0/16" },
        { new ProfileMatch { Uuids = Set("8c2d4e5f-0a1b-4c3d-9e8f-123456789abc") }, null },
        { new ProfileMatch { Uuids = Set("00000000-0000-0000-0000-000000000001") }, "uuid 8c2d4e5f-0a1b-4c3d-9e8f-123456789abc is not among its 1 UUID(s)" },
        { new ProfileMatch { HostNames = ["NODE-*"] }, null },
        { new ProfileMatch { HostNames = ["node-1"] }, "host name \"node-17\" is not one of node-1" },
        { new ProfileMatch { CircuitIds = Set("eth0:100") }, null },
        { new ProfileMatch { CircuitIds = Set("eth0:200") }, "circuit id \"eth0:100\" is not one of eth0:200" },
        { new ProfileMatch { RemoteIds = Set("00:11:22:33:44:55") }, null },
        { new ProfileMatch { RemoteIds = Set("switch-2") }, "remote id \"00:11:22:33:44:55\" is not one of switch-2" },
        { new ProfileMatch { Interfaces = Set("eth1", "eth2") }, null },
        { new ProfileMatch { Interfaces = Set("eth2") }, "it came in on eth1, not on eth2" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_condition_matches_or_says_why_not(ProfileMatch match, string? why) => Assert.Equal(why, match.Mismatch(Relayed));

    [Fact]
    public void A_client_without_what_a_condition_asks_for_does_not_match_and_is_told_what_is_missing()
    {
        var bare = BootClients.Bios();

        Assert.Equal("no uuid (option 97)", new ProfileMatch { Uuids = Set("8c2d4e5f-0a1b-4c3d-9e8f-123456789abc") }.Mismatch(bare));
        Assert.Equal("no host name (option 12)", new ProfileMatch { HostNames = ["node-*"] }.Mismatch(bare));
        Assert.Equal("no circuit id (option 82 from a relay)", new ProfileMatch { CircuitIds = Set("eth0:100") }.Mismatch(bare));
        Assert.Equal("its subnet is not known; wants 10.60.0.0/24", new ProfileMatch { Subnets = [Subnet("10.60.0.0/24")] }.Mismatch(bare));
    }

    [Fact]
    public void A_request_is_read_into_the_client_the_conditions_look_at()
    {
        var request = PxeClientRequest.Discover([0x52, 0x54, 0, 0, 0, 1], ClientArchitecture.IntelX86Pc, 1);
        request.GatewayAddress = IPAddress.Parse("10.60.0.1");
        request.SetOption(DhcpOptionCode.ClientMachineIdentifier, [0, .. Guid.Parse("8c2d4e5f-0a1b-4c3d-9e8f-123456789abc").ToByteArray()]);
        request.SetString(DhcpOptionCode.HostName, "node-17");
        request.SetOption(DhcpOptionCode.RelayAgentInformation, [1, 8, .. "eth0:100"u8.ToArray(), 2, 2, 0x00, 0x64]);

        var client = BootClient.From(request, "eth1", IPAddress.Parse("10.47.0.1"));

        Assert.Equal(IPAddress.Parse("10.60.0.1"), client.Network);
        Assert.Equal("8c2d4e5f-0a1b-4c3d-9e8f-123456789abc", client.Uuid);
        Assert.Equal("node-17", client.HostName);
        Assert.Equal(new RelayAgentInformation("eth0:100", "00:64"), client.RelayAgent);
        request.GatewayAddress = IPAddress.Any;
        Assert.Equal(IPAddress.Parse("10.47.0.1"), BootClient.From(request, "eth1", IPAddress.Parse("10.47.0.1")).Network);
    }

    [Fact]
    public void Matches_are_equal_by_content()
    {
        Assert.Equal(new ProfileMatch { Macs = Set("52:54:00:00:00:01"), Subnets = [Subnet("10.60.0.0/24")] }, new ProfileMatch { Macs = Set("52:54:00:00:00:01"), Subnets = [Subnet("10.60.0.0/24")] });
        Assert.NotEqual(new ProfileMatch { CircuitIds = Set("a") }, new ProfileMatch { CircuitIds = Set("b") });
    }

    private static Subnet Subnet(string text) => PxeKit.Server.Boot.Subnet.TryParse(text, out var subnet) ? subnet : throw new ArgumentException(text);

    private static HashSet<string> Set(params string[] items) => new(items, StringComparer.Ordinal);
}
