using PxeKit.Cli.Tests.Support;

namespace PxeKit.Cli.Tests.Integration;

/// <summary>
/// A server stopped the way services are stopped (SIGTERM) closes its listeners and exits 0. Regression: with
/// System.CommandLine 2.0 nothing handled SIGTERM, and serve died with status 143 without closing anything.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ServeShutdownTests : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("pxekit-shutdown-").FullName;
    private VethNetwork _net = null!;

    public async Task InitializeAsync() => _net = await VethNetwork.CreateAsync();

    public async Task DisposeAsync()
    {
        await _net.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    [HostFact]
    public async Task Sigterm_stops_serve_cleanly_with_status_0()
    {
        await using var serve = await ServeProcess.StartAsync(_net.ServerNamespace,
            "--interface", _net.ServerInterface, "--root", _root, "--lease-db", Path.Combine(_root, "leases.db"), "--http-port", "0");

        var status = await serve.TerminateAsync(TimeSpan.FromSeconds(15));

        Assert.True(status == 0, $"exit status {status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none (still running)"}\n{serve.Error}");
        Assert.Contains("TFTP listener on 0.0.0.0:69 stopped", serve.Error, StringComparison.Ordinal);
    }
}
