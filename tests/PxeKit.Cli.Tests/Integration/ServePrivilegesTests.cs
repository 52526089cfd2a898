using System.Text.RegularExpressions;
using PxeKit.Cli.Tests.Support;
using PxeKit.Core.Events;
using PxeKit.Core.Verdicts;
using PxeKit.Protocol.Tftp;

namespace PxeKit.Cli.Tests.Integration;

/// <summary>
/// <c>pxekit serve</c> started as root leaves root for its user with only the capabilities it needs, and still serves:
/// issue 13 (the process ran as root throughout and served files that are not world-readable).
/// </summary>
[Trait("Category", "Integration")]
public sealed partial class ServePrivilegesTests : IAsyncLifetime
{
    /// <summary>CAP_NET_BIND_SERVICE (10), CAP_NET_ADMIN (12) and CAP_NET_RAW (13), as /proc/PID/status prints the mask.</summary>
    private const string ServingCapabilities = "0000000000003400";

    private const string Nobody = "65534";

    private readonly string _work = Directory.CreateTempSubdirectory("pxekit-privileges-").FullName;
    private VethNetwork _net = null!;

    private string Root => Path.Combine(_work, "root");

    private string LeaseDb => Path.Combine(_work, "state", "leases.db");

    public async Task InitializeAsync()
    {
        // Readable by everyone, as a boot root is; the state directory is left for the server to create.
        File.SetUnixFileMode(_work, (UnixFileMode)0b111_101_101);
        Directory.CreateDirectory(Root, (UnixFileMode)0b111_101_101);
        await File.WriteAllTextAsync(Path.Combine(Root, "boot.bin"), "boot program");
        File.SetUnixFileMode(Path.Combine(Root, "boot.bin"), (UnixFileMode)0b110_100_100);
        await File.WriteAllTextAsync(Path.Combine(Root, "secret.bin"), "root's only");
        File.SetUnixFileMode(Path.Combine(Root, "secret.bin"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        _net = await VethNetwork.CreateAsync();
    }

    public async Task DisposeAsync()
    {
        await _net.DisposeAsync();
        Directory.Delete(_work, recursive: true);
    }

    [HostFact(Programs = ["busybox", "tftp", "iptables"])]
    public async Task Serve_started_as_root_runs_as_its_user_with_three_capabilities_and_still_serves()
    {
        await using var serve = await StartServeAsync();

        var status = await File.ReadAllTextAsync($"/proc/{serve.Id}/status");
        Assert.Equal([Nobody, Nobody, Nobody, Nobody], Field(status, "Uid"));
        Assert.Equal([ServingCapabilities], Field(status, "CapEff"));
        Assert.Equal([ServingCapabilities], Field(status, "CapPrm"));
        Assert.Equal([ServingCapabilities], Field(status, "CapAmb"));
        Assert.Contains("serving as user nobody, with CAP_NET_BIND_SERVICE, CAP_NET_RAW and CAP_NET_ADMIN only", serve.Error, StringComparison.Ordinal);

        // The state directory was made for the user; the root was left as it was.
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(Root, "secret.bin")));
        var owner = await Sh.CheckAsync("stat", "-c", "%u %U", Path.GetDirectoryName(LeaseDb)!, Root);
        Assert.Equal($"{Nobody} nobody\n0 root\n", owner.Output);

        Assert.StartsWith("10.48.0.", (await _net.UdhcpcAsync(_work))?.Ip, StringComparison.Ordinal);

        var fetched = Path.Combine(_work, "fetched.bin");
        var got = await _net.TftpGetAsync("boot.bin", fetched);
        Assert.True(got.ExitCode == 0, got.All);
        Assert.Equal("boot program", await File.ReadAllTextAsync(fetched));
    }

    [HostFact(Programs = ["tftp", "curl"])]
    public async Task A_root_only_file_in_the_root_is_refused_as_an_access_violation_and_a_403()
    {
        await using var serve = await StartServeAsync();

        var got = await _net.TftpGetAsync("secret.bin", Path.Combine(_work, "secret.got"));

        var http = await Sh.InNamespaceAsync(_net.ClientNamespace, TimeSpan.FromSeconds(20),
            "curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", $"http://{VethNetwork.ServerAddress}/secret.bin");

        Assert.Contains("Error code 2", got.All, StringComparison.Ordinal);
        Assert.Equal("403", http.Output);
        await Eventually.HoldsAsync(() => serve.Events.Any(e => e is { Step: BootStep.TftpRefused, File: "secret.bin", Tftp.ErrorCode: TftpErrorCode.AccessViolation, Refusal: FileRefusal.Unreadable }));
        await Eventually.HoldsAsync(() => serve.Events.Any(e => e is { Step: BootStep.HttpFailed, Http.Status: 403, Refusal: FileRefusal.Unreadable }));
    }

    [HostFact(Programs = ["busybox", "iptables"])]
    public async Task The_firewall_dropping_udp_67_is_still_named_with_its_rule_after_the_drop()
    {
        await using var serve = await StartServeAsync();
        await Sh.CheckAsync("ip", "netns", "exec", _net.ServerNamespace, "iptables", "-A", "INPUT", "-p", "udp", "--dport", "67", "-j", "DROP");

        Assert.Null(await _net.UdhcpcAsync(_work));

        // Reading the rule takes iptables with CAP_NET_ADMIN, which the server hands on to it as an ambient capability.
        await Eventually.HoldsAsync(
            () => serve.Events.Any(e => e.Verdict is { Fault: FaultId.DhcpDroppedOnHost, Fix: var fix } && fix.Contains("iptables -t filter -D INPUT -p udp -m udp --dport 67 -j DROP", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(30));
    }

    [HostFact]
    public async Task A_root_the_user_cannot_read_is_refused_at_start_and_left_as_it_was()
    {
        File.SetUnixFileMode(Root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var result = await Sh.InNamespaceAsync(_net.ServerNamespace, TimeSpan.FromSeconds(30), "dotnet", ServeProcess.PxekitDll, "serve",
            "--interface", _net.ServerInterface, "--root", Root, "--bootfile", "boot.bin", "--lease-db", LeaseDb, "--user", "nobody");

        Assert.True(result.ExitCode == 2, result.All);
        Assert.Contains($"the root {Root} cannot be read by user nobody, whom the server runs as", result.Error, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Root));
    }

    // The runtime's files for diagnostics tools (a socket and two pipes in /tmp, named by the process id) were made by
    // root before the change of user, and the runtime of the new image could neither remove them nor make its own.
    // The tests turn those files off (scripts/test.sh): this one turns them back on.
    [HostFact]
    public async Task A_server_that_left_root_leaves_nothing_of_its_runtime_in_the_temporary_directory()
    {
        string[] program = ["env", "DOTNET_EnableDiagnostics_IPC=1", "DOTNET_EnableDiagnostics_Debugger=1", "dotnet", ServeProcess.PxekitDll];
        await using var serve = await ServeProcess.StartProgramAsync(
            _net.ServerNamespace, program, "--interface", _net.ServerInterface, "--root", Root, "--no-dhcp", "--lease-db", LeaseDb, "--user", "nobody");
        string[] Own() =>
        [
            .. Directory.EnumerateFiles(Path.GetTempPath(), $"*-{serve.Id}-*")
                .Where(f => Path.GetFileName(f).StartsWith("dotnet-diagnostic-", StringComparison.Ordinal) || Path.GetFileName(f).StartsWith("clr-debug-pipe-", StringComparison.Ordinal)),
        ];

        // The new image's own three, made as nobody: the runtime was left able to make them.
        var made = Own();
        Assert.Equal(3, made.Length);
        var owner = await Sh.CheckAsync("stat", ["-c", "%U", .. made]);
        Assert.Equal("nobody\nnobody\nnobody\n", owner.Output);

        Assert.Equal(0, await serve.TerminateAsync(TimeSpan.FromSeconds(10)));
        Assert.Empty(Own());
    }

    private Task<ServeProcess> StartServeAsync() => ServeProcess.StartAsync(
        _net.ServerNamespace, "--interface", _net.ServerInterface, "--root", Root, "--bootfile", "boot.bin",
        "--dhcp-range", "10.48.0.100-10.48.0.110", "--lease-db", LeaseDb, "--user", "nobody");

    /// <summary>The values of one line of /proc/PID/status (<c>Uid:\t0\t0\t0\t0</c>).</summary>
    private static string[] Field(string status, string name) =>
        StatusLine().Matches(status).Where(m => m.Groups[1].Value == name).Select(m => m.Groups[2].Value.Split('\t', StringSplitOptions.RemoveEmptyEntries)).Single();

    [GeneratedRegex(@"^(\w+):\t(.*)$", RegexOptions.Multiline)]
    private static partial Regex StatusLine();
}
