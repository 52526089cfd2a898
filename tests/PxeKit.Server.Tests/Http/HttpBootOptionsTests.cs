using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using PxeKit.Server.Http;

namespace PxeKit.Server.Tests.Http;

public sealed class HttpBootOptionsTests
{
    [Fact]
    public void Defaults_listen_on_every_address_on_port_80()
    {
        var options = new HttpBootOptions { Root = Path.GetTempPath() };

        Assert.Equal(IPAddress.Any, options.ListenAddress);
        Assert.Equal(80, options.Port);
        Assert.Null(options.Interface);
        Assert.Empty(options.Validate());
    }

    [Fact]
    public void Validate_reports_every_problem_at_once()
    {
        var options = new HttpBootOptions
        {
            Root = "/does/not/exist/pxekit",
            Port = 70000,
            Interface = "a-name-far-too-long",
            ListenAddress = IPAddress.Loopback,
            ShutdownTimeout = TimeSpan.FromSeconds(-1),
        };

        var errors = options.Validate();

        Assert.Equal(5, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("HTTP root:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("HTTP port:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("HTTP interface:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("HTTP interface and listen address:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("HTTP shutdown timeout:", StringComparison.Ordinal));
    }

    [Fact]
    public void Server_refuses_invalid_options_listing_the_problems()
    {
        var options = new HttpBootOptions { Root = "", Port = -1 };

        var exception = Assert.Throws<ArgumentException>(() => new HttpBootServer(options, null, NullLoggerFactory.Instance, new RecordingJournal()));

        Assert.Contains("HTTP root: required.", exception.Message, StringComparison.Ordinal);
        Assert.Contains("HTTP port: -1", exception.Message, StringComparison.Ordinal);
    }
}
