using System.Net;
using PxeKit.Cli.Config;

namespace PxeKit.Cli.Tests.Config;

/// <summary>The management listener from <c>--management-port</c> and <c>management:</c> (issue 15): off unless asked, loopback unless it has a token.</summary>
public sealed class ManagementSettingsTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("pxekit-token-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void A_token_file_lets_it_listen_beyond_loopback_and_its_first_line_is_the_token()
    {
        var path = TokenFile("0123456789abcdef0123456789abcdef\nignored\n", 0b110_000_000);
        var errors = new List<string>();

        var options = ManagementSettings.Build(null, new ManagementSection { Address = "0.0.0.0", TokenFile = path }, errors);

        Assert.Empty(errors);
        Assert.Equal((IPAddress.Any, "0123456789abcdef0123456789abcdef"), (options!.Address, options.Token));
    }

    [Theory]
    [InlineData("0123456789abcdef\n", 0b110_100_100, "can be read by every user")]
    [InlineData("\n", 0b110_000_000, "is empty")]
    [InlineData("short\n", 0b110_000_000, "shorter than 16 characters")]
    public void A_token_file_others_can_read_an_empty_one_or_a_short_token_is_refused(string content, int mode, string reason)
    {
        var errors = new List<string>();

        Assert.Null(ManagementSettings.Build(null, new ManagementSection { Address = "0.0.0.0", TokenFile = TokenFile(content, mode) }, errors));
        Assert.Contains(errors, e => e.Contains(reason, StringComparison.Ordinal));
    }

    [Fact]
    public void A_relative_or_missing_token_file_is_refused_with_its_path()
    {
        var errors = new List<string>();
        Assert.Null(ManagementSettings.Build(null, new ManagementSection { TokenFile = "token" }, errors));
        Assert.Null(ManagementSettings.Build(null, new ManagementSection { TokenFile = Path.Combine(_dir.FullName, "absent") }, errors));

        Assert.Contains(errors, e => e.Contains("'token' is not an absolute path", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("absent cannot be read", StringComparison.Ordinal));
    }

    private string TokenFile(string content, int mode)
    {
        var path = Path.Combine(_dir.FullName, "token");
        File.WriteAllText(path, content);
        File.SetUnixFileMode(path, (UnixFileMode)mode);
        return path;
    }

    [Fact]
    public void Off_unless_asked_for()
    {
        var errors = new List<string>();
        Assert.Null(ManagementSettings.Build(null, null, errors));
        Assert.Empty(errors);
    }

    [Fact]
    public void The_command_line_port_wins_over_the_files_and_the_address_defaults_to_loopback()
    {
        var errors = new List<string>();
        var options = ManagementSettings.Build(9100, new ManagementSection { Port = 9200 }, errors);

        Assert.Empty(errors);
        Assert.Equal((IPAddress.Loopback, 9100), (options!.Address, options.Port));
        Assert.Equal(9715, ManagementSettings.Build(null, new ManagementSection(), errors)!.Port);
    }

    [Theory]
    [InlineData("10.47.0.1", null, "10.47.0.1 is not a loopback address")]
    [InlineData("localhost", null, "management.address 'localhost' is not an IP address")]
    [InlineData("::1", 70000, "management port: 70000 is not a TCP port")]
    public void A_wrong_address_or_port_is_refused_with_the_reason(string address, int? port, string reason)
    {
        var errors = new List<string>();

        Assert.Null(ManagementSettings.Build(null, new ManagementSection { Address = address, Port = port }, errors));
        Assert.Contains(errors, e => e.Contains(reason, StringComparison.Ordinal));
    }
}
