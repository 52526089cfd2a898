using PxeKit.Cli.Config;
using PxeKit.Server.BootApi;

namespace PxeKit.Cli.Tests.Config;

/// <summary>The external boot API from <c>boot-api:</c>, <c>--boot-api</c> and <c>boot-api-timeout:</c> (issue 15): off unless given, an http(s) URL, a bounded timeout.</summary>
public sealed class BootApiSettingsTests : IDisposable
{
    private readonly YamlSettings _yaml = new();

    public void Dispose() => _yaml.Dispose();

    [Fact]
    public void Off_unless_given()
    {
        var settings = _yaml.Build("", out var errors);

        Assert.Empty(errors);
        Assert.Null(settings!.BootApi);
        Assert.Equal(BootApiOptions.DefaultTimeout, settings.BootApiTimeout);
    }

    [Fact]
    public void The_file_gives_the_url_and_the_timeout()
    {
        var settings = _yaml.Build("boot-api: http://provisioner:8080\nboot-api-timeout: 10s", out var errors);

        Assert.Empty(errors);
        Assert.Equal((new Uri("http://provisioner:8080"), TimeSpan.FromSeconds(10)), (settings!.BootApi, settings.BootApiTimeout));
    }

    [Fact]
    public void The_command_line_wins_over_the_file()
    {
        var errors = new List<string>();
        var config = new PxeKitConfig { BootApi = "http://file:8080" };

        var (url, _) = BootApiSettings.Build("https://argument/api", config, errors);

        Assert.Empty(errors);
        Assert.Equal(new Uri("https://argument/api"), url);
    }

    [Theory]
    [InlineData("boot-api: provisioner:8080", "boot-api: 'provisioner:8080' is not an absolute http:// or https:// URL")]
    [InlineData("boot-api: file:///srv/api", "boot-api: 'file:///srv/api' is not an absolute http:// or https:// URL")]
    [InlineData("boot-api: http://user:secret@p/", "is not an absolute http:// or https:// URL without user, query or fragment")]
    [InlineData("boot-api: http://p/\nboot-api-timeout: soon", "boot-api-timeout 'soon' is not a duration from 1s to 60s")]
    [InlineData("boot-api: http://p/\nboot-api-timeout: 5m", "boot-api-timeout '5m' is not a duration from 1s to 60s")]
    [InlineData("boot-api-timeout: 5s", "boot-api-timeout is set, and there is no boot-api")]
    public void A_wrong_value_is_refused_with_the_reason(string yaml, string reason)
    {
        Assert.Null(_yaml.Build(yaml, out var errors));
        Assert.Contains(errors, e => e.Contains(reason, StringComparison.Ordinal));
    }
}
