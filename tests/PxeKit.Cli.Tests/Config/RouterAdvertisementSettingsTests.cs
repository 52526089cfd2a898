using PxeKit.Server.Ipv6;

namespace PxeKit.Cli.Tests.Config;

/// <summary><c>router-advertisements:</c> (issue 16, item 6): off unless asked, <c>quiet</c> when asked, anything else refused.</summary>
public sealed class RouterAdvertisementSettingsTests : IDisposable
{
    private readonly YamlSettings _yaml = new();

    public void Dispose() => _yaml.Dispose();

    [Theory]
    [InlineData("", RouterAdvertisementMode.Off)]
    [InlineData("router-advertisements: off", RouterAdvertisementMode.Off)]
    [InlineData("router-advertisements: quiet", RouterAdvertisementMode.Quiet)]
    public void Off_unless_quiet_is_asked_for(string yaml, RouterAdvertisementMode expected)
    {
        var settings = _yaml.Build(yaml, out var errors);

        Assert.Empty(errors);
        Assert.Equal(expected, settings!.RouterAdvertisements);
    }

    [Fact]
    public void Another_value_is_refused_with_the_two_that_are_known()
    {
        Assert.Null(_yaml.Build("router-advertisements: managed", out var errors));
        Assert.Contains("router-advertisements 'managed' is neither off nor quiet", errors);
    }
}
