using PxeKit.Protocol.Dhcp;
using PxeKit.Server.Boot;
using PxeKit.Server.Dhcp;

namespace PxeKit.Server.Tests.Dhcp;

/// <summary>Options of the configuration in replies (issue 18): sent when asked for in option 55 or forced; a profile's over its scope's.</summary>
public sealed class ConfiguredOptionTests
{
    private const string Mac = "52:54:00:00:00:01";
    private static readonly byte[] Ntp = [10, 47, 0, 123];
    private static readonly byte[] Search = [3, (byte)'l', (byte)'a', (byte)'b', 0];

    [Fact]
    public void A_scope_option_goes_to_a_client_that_asks_for_it_and_a_forced_one_to_every_client()
    {
        var f = new DhcpFixture();
        f.Scopes.Replace([f.Scope with { Options = [new ConfiguredOption(42, Ntp), new ConfiguredOption(119, Search, Force: true)] }]);

        var asking = f.Send(Asking(DhcpMessageType.Discover, Mac, 42))!;
        var silent = f.Send(DhcpFixture.Request(DhcpMessageType.Discover, "52:54:00:00:00:02"))!;

        Assert.Equal(Ntp, asking.GetOption((DhcpOptionCode)42));
        Assert.Equal(Search, asking.GetOption((DhcpOptionCode)119));
        Assert.Null(silent.GetOption((DhcpOptionCode)42));
        Assert.Equal(Search, silent.GetOption((DhcpOptionCode)119));
    }

    [Fact]
    public void A_profile_option_replaces_the_scope_option_of_the_same_code_and_reaches_the_ack()
    {
        byte[] other = [10, 47, 0, 124];
        var f = new DhcpFixture(profiles: [new BootProfile { Name = "lab", Program = "pxelinux.0", Options = [new ConfiguredOption(42, other, Force: true)] }]);
        f.Scopes.Replace([f.Scope with { Options = [new ConfiguredOption(42, Ntp, Force: true)] }]);

        var offer = f.Send(DhcpFixture.Request(DhcpMessageType.Discover, Mac))!;
        var ack = f.Send(DhcpFixture.Selecting(Mac, offer.YourAddress))!;

        Assert.Equal(other, offer.GetOption((DhcpOptionCode)42));
        Assert.Equal(DhcpMessageType.Ack, ack.MessageType);
        Assert.Equal(other, ack.GetOption((DhcpOptionCode)42));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(54)]
    [InlineData(67)]
    [InlineData(82)]
    public void Options_pxekit_writes_itself_are_reserved(byte code) => Assert.NotNull(ConfiguredOption.Reserved(code));

    [Fact]
    public void Options_are_equal_by_their_bytes()
    {
        Assert.Equal(new ConfiguredOption(42, [1, 2, 3, 4]), new ConfiguredOption(42, [1, 2, 3, 4]));
        Assert.NotEqual(new ConfiguredOption(42, [1, 2, 3, 4]), new ConfiguredOption(42, [1, 2, 3, 5]));
        Assert.NotEqual(new ConfiguredOption(42, [1, 2, 3, 4]), new ConfiguredOption(42, [1, 2, 3, 4], Force: true));
    }

    private static DhcpMessage Asking(DhcpMessageType type, string mac, params byte[] codes)
    {
        var request = DhcpFixture.Request(type, mac);
        request.SetOption(DhcpOptionCode.ParameterRequestList, [1, 3, .. codes]);
        return request;
    }
}
