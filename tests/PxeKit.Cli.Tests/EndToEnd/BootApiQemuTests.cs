using System.Diagnostics;
using PxeKit.Cli.Tests.Support;
using PxeKit.Core.Events;
using PxeKit.Core.Processes;
using PxeKit.Lab.Fixtures;
using PxeKit.Lab.Qemu;

namespace PxeKit.Cli.Tests.EndToEnd;

/// <summary>
/// The external boot API in the lab (issue 15): <c>pxekit serve --boot-api</c> asks a small boot API service in the lab's
/// namespace, which names a kernel and an initrd by paths on its own server and a command line; a SeaBIOS + iPXE VM
/// fetches them from that service, not from PxeKit, and boots to the marker. The profile (the local disk) is never used.
/// </summary>
[Collection(QemuCollection.Name)]
[Trait("Category", "E2E")]
public sealed class BootApiQemuTests : IAsyncLifetime
{
    private const string Ns = "pxkt-e2e-api";
    private const string Bridge = "pxkte2eapibr";
    private const string Tap = "pxkte2eapitap";
    private const string Api = "http://10.50.0.1:8080";

    /// <summary>The boot API service: one machine booted from files it serves itself; every other MAC is 404.</summary>
    private const string Service = """
        import json, os, sys
        from http.server import HTTPServer, SimpleHTTPRequestHandler
        files, cmdline = sys.argv[1], sys.argv[2]
        class Api(SimpleHTTPRequestHandler):
            def __init__(self, *a, **k):
                super().__init__(*a, directory=files, **k)
            def do_GET(self):
                if self.path.startswith("/files/"):
                    self.path = self.path[len("/files"):]
                    return super().do_GET()
                reply = {"kernel": "/files/vmlinuz", "initrd": ["/files/initrd.gz"], "cmdline": cmdline,
                         "message": "PxeKit test: booted by the boot API"} if self.path == "/v1/boot/52:54:00:12:34:56" else None
                body = json.dumps(reply).encode() if reply else b""
                self.send_response(200 if reply else 404)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
        server = HTTPServer(("10.50.0.1", 8080), Api)
        print("ready", flush=True)
        server.serve_forever()
        """;

    private readonly string _work = Directory.CreateTempSubdirectory("pxekit-e2e-api-").FullName;
    private Process? _service;

    public async Task InitializeAsync()
    {
        await TapBridge.CreateAsync(Ns, Bridge, Tap, "10.50.0.1/24");
    }

    public async Task DisposeAsync()
    {
        if (_service is { HasExited: false })
        {
            _service.Kill(entireProcessTree: true);
            await _service.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }

        _service?.Dispose();
        await Sh.RunAsync("ip", "netns", "del", Ns);
        Directory.Delete(_work, recursive: true);
    }

    [HostFact(Programs = ["python3"])]
    public async Task A_bios_vm_boots_the_kernel_the_boot_api_names_from_the_apis_own_server()
    {
        var fixtures = await new FixtureBuilder(new FixtureOptions(), new ProcessCommandRunner()).EnsureAsync();
        await StartServiceAsync(fixtures.Directory, $"{BootFixture.KernelCommandLine} pxekit.from=boot-api");
        var config = Path.Combine(_work, "pxekit.yaml");
        await File.WriteAllTextAsync(config, "profiles:\n  - name: disk\n    local: true\n");
        await using var serve = await ServeProcess.StartAsync(Ns,
            "--interface", Bridge, "--root", fixtures.Directory, "--config", config, "--boot-api", Api,
            "--dhcp-range", "10.50.0.100-10.50.0.120", "--lease-db", Path.Combine(_work, "leases.db"));

        var result = await new QemuRunner(new NullJournal()).RunAsync(new QemuOptions
        {
            Namespace = Ns,
            Tap = Tap,
            SerialLogPath = Path.Combine(_work, "serial.log"),
            Timeout = TimeSpan.FromSeconds(150),
        });

        Assert.True(result.Succeeded, $"{result.Summary}\n{string.Join('\n', result.LastLines)}\n--- serve:\n{serve.Output}{serve.Error}");
        var console = await File.ReadAllTextAsync(result.SerialLogPath);
        Assert.Contains("PxeKit test: booted by the boot API", console, StringComparison.Ordinal);
        Assert.Contains("pxekit.from=boot-api", console, StringComparison.Ordinal);
        Assert.Contains(serve.Events, e => e.Step == BootStep.HttpComplete && e.File == "/boot.ipxe" && e.Http?.Script == true);
        Assert.DoesNotContain(serve.Events, e => e.File?.EndsWith(BootFixture.Kernel, StringComparison.Ordinal) == true);
        Assert.DoesNotContain(serve.Events, e => e.Step is BootStep.BootApiFailed or BootStep.Diagnosis);
    }

    /// <summary>Starts the service in the lab's namespace and waits (bounded) until it listens.</summary>
    private async Task StartServiceAsync(string files, string cmdline)
    {
        var script = Path.Combine(_work, "boot-api.py");
        await File.WriteAllTextAsync(script, Service);
        var info = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "netns", "exec", Ns, "python3", script, files, cmdline })
        {
            info.ArgumentList.Add(argument);
        }

        _service = Process.Start(info) ?? throw new InvalidOperationException("could not start the boot API service");
        var errors = _service.StandardError.ReadToEndAsync(); // drained, so its request log never blocks it
        var ready = await _service.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20));
        if (ready != "ready")
        {
            Assert.Fail($"the boot API service did not start: {await errors.WaitAsync(TimeSpan.FromSeconds(5))}");
        }
    }
}
