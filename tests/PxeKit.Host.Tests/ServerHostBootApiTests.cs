using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using PxeKit.Core.Events;
using PxeKit.Core.Verdicts;
using PxeKit.Server.Boot;
using PxeKit.Tests.Shared.BootApi;

namespace PxeKit.Host.Tests;

/// <summary>
/// The host with <c>boot-api:</c> (issue 15): iPXE's script request is answered from a boot API service on loopback, a
/// machine the service fails for boots its profile, and serve's live diagnosis names the failure.
/// </summary>
public sealed class ServerHostBootApiTests : IDisposable
{
    private const string Claimed = "52:54:00:00:00:01";
    private const string Failing = "52:54:00:00:00:02";

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("pxekit-host-bootapi-");

    // Root: the HTTP listener is bound to its interface (SO_BINDTODEVICE needs CAP_NET_RAW).
    [HostFact]
    public async Task The_boot_api_decides_and_a_failure_falls_back_to_the_profile_and_is_diagnosed()
    {
        await using var api = new BootApiStub();
        api.Answer(Claimed, 200, """{"kernel": "/installer/vmlinuz", "cmdline": "console=ttyS0"}""");
        api.Answer(Failing, 500);
        var port = FreePort();
        var settings = LoopbackSettings.TftpOnly(_root.FullName) with
        {
            HttpPort = port,
            BootApi = api.Url,
            Profiles = [new BootProfile { Name = "disk", LocalBoot = true }],
        };
        var journal = new RecordingSink();
        await using var host = new ServerHost(settings, [journal], NullLoggerFactory.Instance);
        await host.StartAsync(CancellationToken.None);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };

        var claimed = await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/boot.ipxe?mac={Claimed}&arch=0"));
        var failing = await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/boot.ipxe?mac={Failing}&arch=0"));

        Assert.Contains($"kernel {api.Url.AbsoluteUri}installer/vmlinuz console=ttyS0\n", claimed, StringComparison.Ordinal);
        Assert.Contains($"profile disk sends {Failing} to its local disk", failing, StringComparison.Ordinal);
        await Eventually.HoldsAsync(() => journal.Events.Any(e => e.Verdict?.Fault == FaultId.BootApiFailed));
        var failed = Assert.Single(journal.Events, e => e.Step == BootStep.BootApiFailed);
        Assert.Equal((Failing, BootApiFailure.BadStatus, (int?)500), (failed.Mac, failed.BootApi!.Failure, failed.BootApi.Status));
        Assert.Equal(Failing, journal.Events.Single(e => e.Verdict?.Fault == FaultId.BootApiFailed).Verdict!.Client);
    }

    public void Dispose() => _root.Delete(recursive: true);

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
