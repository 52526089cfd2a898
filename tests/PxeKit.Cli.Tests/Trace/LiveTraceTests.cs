using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using PxeKit.Cli.Commands;
using PxeKit.Core.Capture;

namespace PxeKit.Cli.Tests.Trace;

/// <summary>
/// <c>pxekit trace --interface</c> live, against real peers in two namespaces of the test's own (prefix pxc):
/// dnsmasq serving DHCP and TFTP on one end of a veth pair, busybox udhcpc and tftp on the other.
/// </summary>
[Trait("Category", "Integration")]
public sealed class LiveTraceTests(Xunit.Abstractions.ITestOutputHelper log) : IAsyncLifetime
{
    private const string ClientMac = "02:00:00:c0:ff:02";
    private readonly string _id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(2));
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("pxc-live-");
    private readonly int _subnet = RandomNumberGenerator.GetInt32(100, 200);
    private readonly List<Process> _started = [];

    private string ServerNs => $"pxc-{_id}-s";

    private string ClientNs => $"pxc-{_id}-c";

    private string ServerIf => $"pxc{_id}s";

    private string ClientIf => $"pxc{_id}c";

    private string Net => string.Create(CultureInfo.InvariantCulture, $"10.95.{_subnet}");

    public async Task InitializeAsync()
    {
        if (Environment.UserName != "root")
        {
            throw new InvalidOperationException("The live trace test needs root (namespaces, packet capture).");
        }

        await Sh.RunAsync("ip", "netns", "add", ServerNs);
        await Sh.RunAsync("ip", "netns", "add", ClientNs);
        await Ok("ip", "-n", ServerNs, "link", "add", ServerIf, "type", "veth", "peer", "name", ClientIf, "netns", ClientNs);
        await Ok("ip", "-n", ServerNs, "addr", "add", $"{Net}.1/24", "dev", ServerIf);
        await Ok("ip", "-n", ServerNs, "link", "set", ServerIf, "up");
        await Ok("ip", "-n", ClientNs, "link", "set", ClientIf, "address", ClientMac, "up");
    }

    public async Task DisposeAsync()
    {
        foreach (var process in _started)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            process.Dispose();
        }

        await Sh.RunAsync("ip", "netns", "del", ServerNs);
        await Sh.RunAsync("ip", "netns", "del", ClientNs);
        _work.Delete(recursive: true);
    }

    [HostFact]
    public async Task A_live_capture_prints_each_step_then_the_story_names_the_missing_file_and_saves_a_pcapng()
    {
        var root = Directory.CreateDirectory(Path.Combine(_work.FullName, "root")).FullName;
        await File.WriteAllBytesAsync(Path.Combine(root, "boot.0"), new byte[3000]);
        var dnsmasq = Start(
            "ip", "netns", "exec", ServerNs, "dnsmasq", "--no-daemon", "--conf-file=/dev/null", "--port=0", $"--interface={ServerIf}", "--bind-interfaces",
            $"--dhcp-range={Net}.100,{Net}.150,255.255.255.0,1h", $"--dhcp-host={ClientMac},{Net}.120", "--enable-tftp", $"--tftp-root={root}",
            "--dhcp-boot=boot.0", $"--pid-file={_work.FullName}/dnsmasq.pid", $"--dhcp-leasefile={_work.FullName}/leases");
        var saved = Path.Combine(_work.FullName, "live.pcapng");
        var trace = Start("ip", "netns", "exec", ServerNs, "dotnet", Path.Combine(AppContext.BaseDirectory, "pxekit.dll"),
            "trace", "--interface", ServerIf, "--duration", "12", "--write", saved);
        await trace.WaitForAsync("capturing on", TimeSpan.FromSeconds(20));
        await dnsmasq.WaitForAsync("TFTP root is", TimeSpan.FromSeconds(10));

        var lease = await Sh.InNamespaceAsync(ClientNs, TimeSpan.FromSeconds(30),
            "busybox", "udhcpc", "-i", ClientIf, "-V", "PXEClient:Arch:00000:UNDI:002001", "-n", "-q", "-t", "3", "-s", "/bin/true");
        Assert.True(lease.ExitCode == 0, $"udhcpc got no lease: {lease.All}\ndnsmasq: {dnsmasq.Output}");
        await Ok("ip", "-n", ClientNs, "addr", "add", $"{Net}.120/24", "dev", ClientIf);
        var got = await Sh.InNamespaceAsync(ClientNs, TimeSpan.FromSeconds(30), "busybox", "tftp", "-g", "-r", "boot.0", "-l", Path.Combine(_work.FullName, "got.0"), $"{Net}.1");
        Assert.True(got.ExitCode == 0, $"busybox tftp failed: {got.All}");
        var missing = await Sh.InNamespaceAsync(ClientNs, TimeSpan.FromSeconds(30), "busybox", "tftp", "-g", "-r", "nothere.0", "-l", Path.Combine(_work.FullName, "no.0"), $"{Net}.1");
        Assert.NotEqual(0, missing.ExitCode);
        var code = await trace.ExitAsync(TimeSpan.FromSeconds(40));

        var output = trace.Output;
        log.WriteLine(output);
        Assert.True(code == ExitCodes.Failure, $"exit {code}\n{output}\n{trace.Error}");
        // Each step was printed as it came, before the story at the end.
        var story = output.IndexOf($"capture on {ServerIf}: ", StringComparison.Ordinal);
        Assert.True(story > 0, output);
        Assert.Contains($"{ClientMac}  dhcp-offer", output[..story], StringComparison.Ordinal);
        Assert.Contains("tftp-complete   boot.0  2.9 KiB", output[story..], StringComparison.Ordinal);
        Assert.Contains($"asked for nothere.0 and the TFTP server at {Net}.1 does not have it.", output[story..], StringComparison.Ordinal);
        Assert.True(CaptureFile.Read(saved).Count() >= 12, "the saved pcapng lacks frames");
    }

    [HostFact]
    public async Task A_termination_signal_ends_the_capture_and_still_prints_the_story()
    {
        var trace = Start("ip", "netns", "exec", ServerNs, "dotnet", Path.Combine(AppContext.BaseDirectory, "pxekit.dll"), "trace", "--interface", ServerIf);
        await trace.WaitForAsync("until Ctrl-C", TimeSpan.FromSeconds(20));

        // ip netns exec replaces itself with the program: the PID is pxekit's. SIGTERM, because children of the
        // test host inherit SIGINT ignored; Ctrl-C (SIGINT) takes the same path in pxekit.
        await Ok("kill", "-TERM", trace.Id.ToString(CultureInfo.InvariantCulture));
        var code = await trace.ExitAsync(TimeSpan.FromSeconds(10));

        Assert.True(code == ExitCodes.Success, $"exit {code}\n{trace.Output}\n{trace.Error}");
        Assert.Contains($"capture on {ServerIf}: ", trace.Output, StringComparison.Ordinal);
    }

    private static async Task Ok(string file, params string[] arguments)
    {
        var result = await Sh.RunAsync(file, arguments);
        Assert.True(result.ExitCode == 0, $"{file} {string.Join(' ', arguments)}: {result.All}");
    }

    private Child Start(string file, params string[] arguments)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {file}");
        _started.Add(process);
        return new Child(process);
    }

    /// <summary>A started program whose output is collected as it comes.</summary>
    private sealed class Child
    {
        private readonly Process _process;
        private readonly StringBuilder _output = new();
        private readonly StringBuilder _error = new();

        public Child(Process process)
        {
            _process = process;
            process.OutputDataReceived += (_, e) => Append(_output, e.Data);
            process.ErrorDataReceived += (_, e) => Append(_error, e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public int Id => _process.Id;

        public string Output
        {
            get { lock (_output) { return _output.ToString(); } }
        }

        public string Error
        {
            get { lock (_error) { return _error.ToString(); } }
        }

        public async Task WaitForAsync(string text, TimeSpan limit)
        {
            var deadline = DateTime.UtcNow + limit;
            while (!(Output + Error).Contains(text, StringComparison.Ordinal))
            {
                if (_process.HasExited || DateTime.UtcNow > deadline)
                {
                    throw new InvalidOperationException($"'{text}' never came ({(_process.HasExited ? "exited" : "timed out")}): {Output}\n{Error}");
                }

                await Task.Delay(100);
            }
        }

        public async Task<int> ExitAsync(TimeSpan limit)
        {
            using var cts = new CancellationTokenSource(limit);
            await _process.WaitForExitAsync(cts.Token);
            _process.WaitForExit();
            return _process.ExitCode;
        }

        private static void Append(StringBuilder text, string? line)
        {
            if (line is not null)
            {
                lock (text)
                {
                    text.Append(line).Append('\n');
                }
            }
        }
    }
}
