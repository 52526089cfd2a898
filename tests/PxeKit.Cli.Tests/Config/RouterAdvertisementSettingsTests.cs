using PxeKit.Server.Ipv6;

namespace PxeKit.Cli.Tests.Config;

/// <summary><c>router-advertisements:</c> (issue 16, item 6): off unless asked, <c>quiet</c> or <c>managed</c> when asked, anything else refused.</summary>
public sealed class RouterAdvertisementSettingsTests : IDisposable
{
    private readonly YamlSettings _yaml = new();

    public void Dispose() => _yaml.Dispose();

    [Theory]
    [InlineData("", RouterAdvertisementMode.Off)]
    [InlineData("router-advertisements: off", RouterAdvertisementMode.Off)]
    [InlineData("router-advertisements: quiet", RouterAdvertisementMode.Quiet)]
    [InlineData("router-advertisements: managed", RouterAdvertisementMode.Managed)]
    public void Off_unless_quiet_or_managed_is_asked_for(string yaml, RouterAdvertisementMode expected)
    {
        var settings = _yaml.Build(yaml, out var errors);

        Assert.Empty(errors);
        Assert.Equal(expected, settings!.RouterAdvertisements);
    }

    [Fact]
    public void Another_value_is_refused_with_the_three_that_are_known()
    {
        Assert.Null(_yaml.Build("router-advertisements: always", out var errors));
        Assert.Contains("router-advertisements 'always' is none of off, quiet and managed", errors);
    }
}
