using System.Net;
using System.Text.RegularExpressions;
using PxeKit.Cli.Tests.Support;

namespace PxeKit.Cli.Tests.Integration;

/// <summary><c>pxekit serve</c> against Debian's DHCP clients, in namespaces of the test's own.</summary>
[Trait("Category", "Integration")]
public sealed partial class DhcpInteropTests : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("pxekit-dhcp-").FullName;
    private VethNetwork _net = null!;

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(Path.Combine(_root, "boot.bin"), "boot program");
        _net = await VethNetwork.CreateAsync();
    }

    public async Task DisposeAsync()
    {
        await _net.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    private string LeaseDb => Path.Combine(_root, "leases.db");

    private Task<ServeProcess> StartServeAsync() => ServeProcess.StartAsync(
        _net.ServerNamespace, "--interface", _net.ServerInterface, "--root", _root, "--bootfile", "boot.bin",
        "--dhcp-range", "10.48.0.100-10.48.0.110", "--lease-db", LeaseDb);

    /// <summary>busybox udhcpc, with a script that prints what it was given instead of configuring anything.</summary>
    private async Task<(string Ip, string Siaddr, string BootFile)?> UdhcpcAsync()
    {
        var script = Path.Combine(_root, "udhcpc.sh");
        await File.WriteAllTextAsync(script, "#!/bin/sh\n[ \"$1\" = bound ] && echo \"LEASE ip=$ip siaddr=$siaddr boot_file=$boot_file\"\nexit 0\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var result = await Sh.InNamespaceAsync(_net.ClientNamespace, TimeSpan.FromSeconds(30),
            "busybox", "udhcpc", "-i", _net.ClientInterface, "-n", "-q", "-f", "-t", "4", "-T", "1", "-A", "1", "-s", script);
        var match = LeaseLine().Match(result.Output);
        return match.Success ? (match.Groups[1].Value, match.Groups[2].Value, match.Groups[3].Value) : null;
    }

    [HostFact]
    public async Task Udhcpc_gets_an_address_from_the_range_with_the_boot_file()
    {
        await using var serve = await StartServeAsync();

        var lease = await UdhcpcAsync();

        Assert.NotNull(lease);
        Assert.InRange(Last(lease.Value.Ip), 100, 110);
        Assert.Equal(VethNetwork.ServerAddress, lease.Value.Siaddr);
        Assert.Equal("boot.bin", lease.Value.BootFile);
        // serve writes its step lines from a queue of its own, so the ACK's line may follow the ACK by a moment.
        await Eventually.HoldsAsync(() => serve.Output.Contains("dhcp-ack", StringComparison.Ordinal));
        Assert.Matches(@"dhcp-discover[\s\S]*dhcp-offer[\s\S]*dhcp-request[\s\S]*dhcp-ack", serve.Output);
    }

    [HostFact]
    public async Task Dhclient_gets_an_address_and_the_boot_file()
    {
        await using var serve = await StartServeAsync();
        var leases = Path.Combine(_root, "dhclient.leases");
        var pid = Path.Combine(_root, "dhclient.pid");
        try
        {
            var result = await Sh.InNamespaceAsync(_net.ClientNamespace, TimeSpan.FromSeconds(40),
                "dhclient", "-v", "-1", "-sf", "/bin/true", "-lf", leases, "-pf", pid, _net.ClientInterface);
            Assert.True(result.ExitCode == 0, result.All);
            var text = await File.ReadAllTextAsync(leases);
            var address = FixedAddress().Match(text);
            Assert.True(address.Success, text);
            Assert.InRange(Last(address.Groups[1].Value), 100, 110);
            Assert.Contains("filename \"boot.bin\";", text, StringComparison.Ordinal);
        }
        finally
        {
            // dhclient goes to the background once bound: end it by the PID it wrote.
            if (File.Exists(pid) && int.TryParse((await File.ReadAllTextAsync(pid)).Trim(), out int id))
            {
                await Sh.RunAsync("kill", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }
    }

    [HostFact]
    public async Task Malformed_datagrams_are_dropped_with_a_reason_and_every_valid_request_is_answered()
    {
        await using var serve = await StartServeAsync();
        string[] garbage =
        [
            "00",                                              // one byte: truncated
            new string('0', 480) + "00000000",                 // 244 zero bytes: op 0
            "01" + "0106" + new string('0', 466) + "63825364", // bad magic cookie
            "010106" + new string('0', 466) + "63825363" + "3505",  // option 53 says 5 bytes, none follow
        ];

        for (int round = 0; round < garbage.Length; round++)
        {
            await _net.SendUdpAsync(garbage[round], 67);
            await _net.SetClientMacAsync($"52:54:00:aa:00:{round:x2}");
            Assert.NotNull(await UdhcpcAsync());
        }

        Assert.False(serve.HasExited);
        Assert.Contains("Truncated", serve.Error, StringComparison.Ordinal);
        Assert.Contains("BadMagicCookie", serve.Error, StringComparison.Ordinal);
        Assert.Contains("BadOptionLength", serve.Error, StringComparison.Ordinal);
        await Eventually.HoldsAsync(() => Regex.Matches(serve.Output, "dhcp-ack").Count >= garbage.Length); // lines written from serve's queue
        Assert.Equal(garbage.Length, Regex.Matches(serve.Output, "dhcp-ack").Count);
    }

    [HostFact]
    public async Task A_lease_survives_sigkill_and_restart()
    {
        await _net.SetClientMacAsync("52:54:00:bb:00:01");
        string before;
        await using (var serve = await StartServeAsync())
        {
            before = (await UdhcpcAsync())?.Ip ?? throw new InvalidOperationException("no lease: " + serve.Output + serve.Error);
            await serve.KillAsync();
        }

        await using var restarted = await StartServeAsync();

        // Another machine must not get the address the killed server had acknowledged...
        await _net.SetClientMacAsync("52:54:00:bb:00:02");
        var other = await UdhcpcAsync();
        Assert.NotNull(other);
        Assert.NotEqual(before, other.Value.Ip);

        // ...and the first machine gets it back.
        await _net.SetClientMacAsync("52:54:00:bb:00:01");
        Assert.Equal(before, (await UdhcpcAsync())?.Ip);
    }

    [HostFact]
    public async Task A_raspberry_pi_gets_its_option_43_and_its_files_from_its_serial_directory()
    {
        // No emulator boots a Pi here: udhcpc plays its boot ROM's DHCP (Pi MAC prefix, vendor class
        // PXEClient, arch 0) and tftp-hpa fetches from the serial-number directory as the ROM does.
        Directory.CreateDirectory(Path.Combine(_root, "1234abcd"));
        await File.WriteAllTextAsync(Path.Combine(_root, "1234abcd", "start4.elf"), "pi firmware");
        await using var serve = await StartServeAsync();
        await _net.SetClientMacAsync("dc:a6:32:00:00:01");
        var script = Path.Combine(_root, "pi.sh");
        await File.WriteAllTextAsync(script, "#!/bin/sh\n[ \"$1\" = bound ] && echo \"PI opt43=$opt43 siaddr=$siaddr\"\nexit 0\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var dhcp = await Sh.InNamespaceAsync(_net.ClientNamespace, TimeSpan.FromSeconds(30),
            "busybox", "udhcpc", "-i", _net.ClientInterface, "-n", "-q", "-f", "-t", "4", "-T", "1", "-A", "1",
            "-V", "PXEClient:Arch:00000:UNDI:002001", "-O", "43", "-s", script);
        var fetched = Path.Combine(_root, "fetched.elf");
        var tftp = await Sh.InNamespaceAsync(_net.ClientNamespace, TimeSpan.FromSeconds(20),
            "tftp", VethNetwork.ServerAddress, "-m", "binary", "-c", "get", "1234abcd/start4.elf", fetched);

        Assert.Contains(Convert.ToHexStringLower("Raspberry Pi Boot"u8), dhcp.Output, StringComparison.Ordinal);
        Assert.Contains($"siaddr={VethNetwork.ServerAddress}", dhcp.Output, StringComparison.Ordinal);
        Assert.True(tftp.ExitCode == 0, tftp.All);
        Assert.Equal("pi firmware", await File.ReadAllTextAsync(fetched));
    }

    private static int Last(string ip) => IPAddress.Parse(ip).GetAddressBytes()[3];

    [GeneratedRegex(@"LEASE ip=(\S+) siaddr=(\S*) boot_file=(\S*)")]
    private static partial Regex LeaseLine();

    [GeneratedRegex(@"fixed-address (\S+);")]
    private static partial Regex FixedAddress();
}
