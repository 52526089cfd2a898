using System.Diagnostics;
using System.Globalization;

namespace PxeKit.Cli.Tests.Packaging;

/// <summary>
/// The packaged service under a real systemd: a Debian 12 tree with the package installed, booted with
/// systemd-nspawn on a private network (only loopback, which the service is configured to serve), then driven with
/// systemctl as an administrator would. PID 1 of this machine is not systemd, hence nspawn's --register=no and
/// --keep-unit (no machined, no scope to make).
/// </summary>
[Collection(PackagingCollection.Name)]
public sealed class SystemdServiceTests : IDisposable
{
    private const string Mac = "52:54:00:ab:cd:ef";
    private readonly DirectoryInfo _out = Directory.CreateTempSubdirectory("pxekit-deb-");

    [HostFact(Programs = ["dpkg-deb", "debootstrap", "readelf", "systemd-nspawn", "nsenter"])]
    public async Task Started_ready_with_its_status_watched_journaled_by_mac_reloaded_and_stopped_by_systemctl()
    {
        var package = await PackageArtifacts.PackageAsync("0.1.0", _out.FullName);
        await using var debian = await DebianRoot.MountAsync(await PackageArtifacts.DebianTreeAsync(), proc: false);
        File.Copy(package, debian.HostPath("/root/pxekit.deb"));
        var install = await Sh.RunAsync("chroot", [debian.Merged, "dpkg", "-i", "/root/pxekit.deb"], TimeSpan.FromMinutes(2));
        Assert.True(install.ExitCode == 0, install.All);
        var yaml = debian.HostPath("/etc/pxekit/pxekit.yaml");
        await File.WriteAllTextAsync(yaml, (await File.ReadAllTextAsync(yaml)).Replace("interface: eth0", "interface: lo", StringComparison.Ordinal));
        await File.WriteAllBytesAsync(debian.HostPath("/srv/tftp/pxelinux.0"), new byte[512]);

        await using var container = Container.Boot(debian.Merged);

        // Enabled by the package, so started at boot; active only once it said READY=1 (Type=notify).
        try
        {
            await Eventually.HoldsAsync(async () => (await container.RunAsync("systemctl", "is-active", "pxekit")).Output.Trim() == "active", TimeSpan.FromSeconds(90));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var said = await container.RunAsync("systemctl", "status", "pxekit", "--no-pager");
            Assert.Fail($"pxekit did not become active: {said.All}\nsystemd-nspawn: {container.Output}");
        }

        var status = await container.PropertiesAsync("StatusText", "MainPID", "WatchdogUSec");
        Assert.Equal("serving DHCP (67, 4011), TFTP (69), HTTP (80) on lo", status["StatusText"]);
        Assert.Equal("30s", status["WatchdogUSec"]);
        Assert.Equal("pxekit", (await container.RunAsync("stat", "-c", "%U", $"/proc/{status["MainPID"]}")).Output.Trim());

        // The watchdog is fed: its timestamp moves on (every 15 s, half of WatchdogSec).
        var fed = (await container.PropertiesAsync("WatchdogTimestampMonotonic"))["WatchdogTimestampMonotonic"];
        await Eventually.HoldsAsync(async () => (await container.PropertiesAsync("WatchdogTimestampMonotonic"))["WatchdogTimestampMonotonic"] != fed, TimeSpan.FromSeconds(40));

        // A PXE client's DISCOVER (from inside the container's network) is journaled with its MAC as a field.
        var discover = Path.Combine(_out.FullName, "discover.bin");
        await File.WriteAllBytesAsync(discover, Discover());
        var sent = await Sh.RunAsync("nsenter", ["-t", container.Init, "-n", "bash", "-c", $"cat {discover} > /dev/udp/127.0.0.1/67"]);
        Assert.True(sent.ExitCode == 0, sent.All);
        await Eventually.HoldsAsync(async () => (await container.RunAsync("journalctl", "-u", "pxekit", $"MAC={Mac}", "STEP=DhcpOffer", "-o", "cat")).Output.Contains("proxy offer", StringComparison.Ordinal), TimeSpan.FromSeconds(20));

        // Reload: the same process goes on (reload itself is not built yet: it says so and keeps its configuration).
        Assert.Equal(0, (await container.RunAsync("systemctl", "reload", "pxekit")).ExitCode);
        Assert.Equal(status["MainPID"], (await container.PropertiesAsync("MainPID"))["MainPID"]);
        Assert.Equal("active", (await container.RunAsync("systemctl", "is-active", "pxekit")).Output.Trim());

        Assert.Equal(0, (await container.RunAsync("systemctl", "stop", "pxekit")).ExitCode);
        var stopped = await container.PropertiesAsync("ActiveState", "Result", "ExecMainStatus");
        Assert.Equal(("inactive", "success", "0"), (stopped["ActiveState"], stopped["Result"], stopped["ExecMainStatus"]));
    }

    public void Dispose() => _out.Delete(recursive: true);

    /// <summary>A BIOS PXE ROM's DHCPDISCOVER: BOOTP header, magic cookie, 53 DISCOVER, 60 PXEClient, 93 arch 0.</summary>
    private static byte[] Discover()
    {
        var header = new byte[236];
        header[0] = 1; // op BOOTREQUEST
        header[1] = 1; // htype Ethernet
        header[2] = 6; // hlen
        header[4] = 0x12; // xid
        header[10] = 0x80; // flags: broadcast
        Convert.FromHexString(Mac.Replace(":", "", StringComparison.Ordinal)).CopyTo(header, 28); // chaddr
        byte[] options =
        [
            0x63, 0x82, 0x53, 0x63, // magic cookie
            53, 1, 1, // DHCPDISCOVER
            60, 32, .. "PXEClient:Arch:00000:UNDI:002001"u8,
            93, 2, 0, 0, // client architecture: BIOS
            255,
        ];
        return [.. header, .. options];
    }

    /// <summary>A booted container: its init's PID on this host, commands run in all its namespaces, halted at the end.</summary>
    private sealed class Container : IAsyncDisposable
    {
        private readonly Process _nspawn;
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _output = new();

        private Container(Process nspawn) => _nspawn = nspawn;

        /// <summary>What systemd-nspawn and the container's console said.</summary>
        public string Output => string.Join('\n', _output);

        /// <summary>The container's PID 1, as this host numbers it.</summary>
        public string Init { get; private set; } = "";

        public static Container Boot(string tree)
        {
            var info = new ProcessStartInfo("systemd-nspawn") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
            foreach (var argument in new[] { "-D", tree, "-b", "--private-network", "--register=no", "--keep-unit", "--console=passive", "-M", $"pxk{Random.Shared.Next(100_000):D5}" })
            {
                info.ArgumentList.Add(argument);
            }

            var container = new Container(Process.Start(info) ?? throw new InvalidOperationException("systemd-nspawn did not start"));
            container._nspawn.OutputDataReceived += (_, line) => container._output.Enqueue(line.Data ?? "");
            container._nspawn.ErrorDataReceived += (_, line) => container._output.Enqueue(line.Data ?? "");
            container._nspawn.BeginOutputReadLine();
            container._nspawn.BeginErrorReadLine();
            return container;
        }

        /// <summary>Runs a command inside the container (nsenter into its init's namespaces); exit status -1 before init runs.</summary>
        public async Task<Sh.Result> RunAsync(params string[] command)
        {
            Init = InitPid();
            return Init.Length == 0
                ? new Sh.Result(-1, "", "the container's systemd is not running (yet)")
                : await Sh.RunAsync("nsenter", ["-t", Init, "-a", .. command], TimeSpan.FromSeconds(60));
        }

        /// <summary>The unit's properties from <c>systemctl show</c>.</summary>
        public async Task<Dictionary<string, string>> PropertiesAsync(params string[] names)
        {
            var shown = await RunAsync(["systemctl", "show", "pxekit", .. names.Select(n => $"--property={n}")]);
            return shown.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        }

        public async ValueTask DisposeAsync()
        {
            // SIGTERM asks nspawn to halt the container (its systemd shuts down); killed only when that does not end it.
            await Sh.RunAsync("kill", "-TERM", _nspawn.Id.ToString(CultureInfo.InvariantCulture));
            using var halt = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await _nspawn.WaitForExitAsync(halt.Token);
            }
            catch (OperationCanceledException)
            {
                _nspawn.Kill(entireProcessTree: true);
                await _nspawn.WaitForExitAsync();
            }

            _nspawn.Dispose();
        }

        /// <summary>
        /// nspawn's child that runs systemd: the container's init (nspawn forks a short-lived helper first, so the
        /// child's name is checked).
        /// </summary>
        private string InitPid()
        {
            var children = $"/proc/{_nspawn.Id}/task/{_nspawn.Id}/children";
            var pids = File.Exists(children) ? File.ReadAllText(children).Split(' ', StringSplitOptions.RemoveEmptyEntries) : [];
            return pids.FirstOrDefault(pid => File.Exists($"/proc/{pid}/comm") && File.ReadAllText($"/proc/{pid}/comm").Trim() == "systemd") ?? "";
        }
    }
}
