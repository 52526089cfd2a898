using System.Net;
using PxeKit.Cli.Config;

namespace PxeKit.Cli.Tests.Config;

/// <summary>The management listener from <c>--management-port</c> and <c>management:</c> (issue 15): off unless asked, loopback only.</summary>
public sealed class ManagementSettingsTests
{
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
