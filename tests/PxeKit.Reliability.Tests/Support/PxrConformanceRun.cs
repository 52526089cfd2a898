using System.Security.Cryptography;
using PxeKit.Load.Conformance;

namespace PxeKit.Reliability.Tests.Support;

/// <summary>
/// One run of <c>pxekit load conformance</c> against <c>pxekit serve</c>, shared by every case of
/// <see cref="ConformanceTests"/>: the server in its namespace with a 100-address range, a reservation, a TFTP file
/// and its standard output a pipe nobody reads; the probe in the client namespace, with a second address to play
/// the relay agent and the TFTP flooding host. Started by the first case that asks, once; the namespaces are
/// removed when the class is done.
/// </summary>
public sealed class PxrConformanceRun : IAsyncLifetime
{
    public const string Range = "10.49.0.100-10.49.0.199";
    private const string ReservedMac = "52:54:00:77:20:01";
    private const string ReservedAddress = "10.49.0.60";
    private const string SecondAddress = "10.49.0.254";
    private readonly SemaphoreSlim _once = new(1, 1);
    private readonly string _root = Directory.CreateTempSubdirectory("pxr-conformance-").FullName;
    private PxrNetwork? _net;
    private ConformanceReport? _report;

    /// <summary>The probe's standard output and the server's standard error, for a failure message.</summary>
    public string Transcript { get; private set; } = "";

    public async Task<ConformanceReport> ReportAsync()
    {
        await _once.WaitAsync();
        try
        {
            return _report ??= await RunAsync();
        }
        finally
        {
            _once.Release();
        }
    }

    private async Task<ConformanceReport> RunAsync()
    {
        var tftp = Path.Combine(_root, "tftp");
        Directory.CreateDirectory(tftp);
        await File.WriteAllBytesAsync(Path.Combine(tftp, "boot.bin"), RandomNumberGenerator.GetBytes(256 * 1024));
        _net = await PxrNetwork.CreateAsync();
        await Sh.CheckAsync("ip", "-n", _net.ClientNamespace, "addr", "add", SecondAddress + "/24", "dev", _net.ClientInterface);
        var config = Path.Combine(_root, "pxekit.yaml");
        await File.WriteAllTextAsync(config, $"""
            interface: {_net.ServerInterface}
            dhcp:
              range: {Range}
              reservations:
                - mac: {ReservedMac}
                  address: {ReservedAddress}
            """);
        await using var serve = await ServeProcess.StartWithStalledOutputAsync(_net.ServerNamespace,
            "--config", config, "--root", tftp, "--bootfile", "boot.bin", "--lease-db", Path.Combine(_root, "leases.db"), "--no-capture", "--http-port", "0");
        var json = Path.Combine(_root, "pxekit.json");
        var probe = await _net.ClientAsync(TimeSpan.FromMinutes(5), "dotnet", ServeProcess.PxekitDll, "load", "conformance",
            "--interface", _net.ClientInterface, "--server", PxrNetwork.ServerAddress, "--range", Range, "--second-address", SecondAddress,
            "--reserved", $"{ReservedMac}={ReservedAddress}", "--tftp-file", "boot.bin", "--log-stalled", "--json", json);
        Transcript = $"{probe.Output}\n--- pxekit serve (standard error) ---\n{serve.Error[^Math.Min(serve.Error.Length, 4000)..]}";
        return ConformanceReport.TryLoad(json, out var error) ?? throw new InvalidOperationException($"the probe wrote no report ({error}): {probe.All}");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>xunit 2 disposes a class fixture through <see cref="IAsyncLifetime"/>, not IAsyncDisposable.</summary>
    public async Task DisposeAsync()
    {
        if (_net is not null)
        {
            await _net.DisposeAsync();
        }

        Directory.Delete(_root, recursive: true);
        _once.Dispose();
    }
}
