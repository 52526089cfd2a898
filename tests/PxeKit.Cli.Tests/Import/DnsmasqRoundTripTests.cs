using System.Net;
using PxeKit.Cli.Config;
using PxeKit.Cli.Import;
using PxeKit.Core.Net;
using PxeKit.Host;
using PxeKit.Lab.Fixtures;
using PxeKit.Protocol.Dhcp;
using PxeKit.Server.Boot;

namespace PxeKit.Cli.Tests.Import;

/// <summary>
/// The dnsmasq configurations the project's own tests and scripts start dnsmasq with, converted, loaded by serve's
/// settings builder, and compared with what dnsmasq serves from them: the range, lease time, reservations, mode, and
/// the file each kind of client is given. The command lines are copied from where they are used (named above each).
/// </summary>
public sealed class DnsmasqRoundTripTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pxekit-import-roundtrip-").FullName;

    public DnsmasqRoundTripTests()
    {
        foreach (var file in new[] { BootFixture.BootFileName, BootFixture.IpxeEfi, BootFixture.IpxeScript, Arm64BootFixture.BootFileName, "f1m", "boot.0" })
        {
            File.WriteAllText(Path.Combine(_dir, file), "boot program");
        }
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private const string Mac = "52:54:00:12:34:56";

    private static readonly BootClient BiosPxe = new() { Mac = Mac, Architecture = ClientArchitecture.IntelX86Pc, VendorClass = "PXEClient:Arch:00000:UNDI:002001" };
    private static readonly BootClient UefiPxe = new() { Mac = Mac, Architecture = ClientArchitecture.EfiBc, VendorClass = "PXEClient:Arch:00007:UNDI:003016" };
    private static readonly BootClient UefiIpxe = UefiPxe with { UserClasses = ["iPXE"], IsIpxe = true };
    private static readonly BootClient UefiHttp = new() { Mac = Mac, Architecture = ClientArchitecture.EfiX64Http, VendorClass = "HTTPClient:Arch:00016:UNDI:003001", IsHttpClient = true };
    private static readonly BootClient Arm64Pxe = new() { Mac = Mac, Architecture = ClientArchitecture.EfiArm64, VendorClass = "PXEClient:Arch:00011:UNDI:003000" };

    /// <summary>tests/PxeKit.Lab.Tests/EndToEnd/DnsmasqBootTests.cs, DnsmasqCommand, with the boot options each test adds.</summary>
    private string[] LabDnsmasq(params string[] boot) =>
    [
        "--no-daemon", "--conf-file=/dev/null", "--port=0", "--interface=pxkbr0", "--bind-interfaces",
        "--dhcp-range=10.47.0.100,10.47.0.150,255.255.255.0,1h", "--enable-tftp", $"--tftp-root={_dir}",
        .. boot.Length > 0 ? boot : [$"--dhcp-boot={BootFixture.BootFileName}"],
        "--log-dhcp", $"--pid-file={_dir}/dnsmasq.pid", $"--dhcp-leasefile={_dir}/dnsmasq.leases",
    ];

    private static readonly InterfaceAddress LabBridge = new("pxkbr0", IPAddress.Parse("10.47.0.1"), IPAddress.Parse("255.255.255.0"), true);

    [Fact]
    public void Lab_bios_boot_gives_every_client_the_range_and_pxelinux()
    {
        var (settings, imported) = Convert(LabDnsmasq(), LabBridge);

        AssertScope(settings, "10.47.0.100", "10.47.0.150", TimeSpan.FromHours(1));
        Assert.Equal(ServeMode.Full, settings.Mode);
        Assert.Equal(BootFixture.BootFileName, Boots(settings, BiosPxe));
        Assert.Equal(BootFixture.BootFileName, Boots(settings, UefiPxe));
        AssertLeft(imported, "pid-file", "dhcp-leasefile");
    }

    [Fact]
    public void Lab_uefi_pxe_boot_gives_firmware_ipxe_and_ipxe_its_script()
    {
        // DnsmasqBootTests.Uefi.cs, UefiPxeBootOptions.
        var (settings, imported) = Convert(LabDnsmasq(
            "--dhcp-match=set:efi64,option:client-arch,7",
            "--dhcp-match=set:ipxe,175",
            $"--dhcp-boot=tag:efi64,tag:!ipxe,{BootFixture.UefiBootFileName}",
            $"--dhcp-boot=tag:ipxe,{BootFixture.IpxeScript}"), LabBridge);

        Assert.Equal(BootFixture.UefiBootFileName, Boots(settings, UefiPxe));
        Assert.Equal(BootFixture.IpxeScript, Boots(settings, UefiIpxe));
        Assert.Null(Boots(settings, BiosPxe)); // dnsmasq has no untagged dhcp-boot here: a BIOS client gets no file either
        Assert.DoesNotContain(settings.Warnings, w => w.Contains("chainload loop", StringComparison.Ordinal));
        AssertLeft(imported, "pid-file", "dhcp-leasefile");
    }

    [Fact]
    public void Lab_uefi_http_boot_gives_the_http_client_the_ipxe_url_with_option_60_forced()
    {
        // DnsmasqBootTests.Uefi.cs, A_uefi_vm_boots_through_uefi_http_boot_with_dnsmasq_and_busybox_httpd.
        var (settings, imported) = Convert(LabDnsmasq(
            "--dhcp-match=set:ipxe,175",
            "--dhcp-match=set:http,option:vendor-class,HTTPClient",
            $"--dhcp-boot=tag:http,tag:!ipxe,http://10.47.0.1:8080/{BootFixture.IpxeEfi}",
            "--dhcp-option-force=tag:http,60,HTTPClient",
            $"--dhcp-boot=tag:ipxe,http://10.47.0.1:8080/{BootFixture.IpxeScript}"), LabBridge);

        Assert.Equal($"http://10.47.0.1:8080/{BootFixture.IpxeEfi}", Boots(settings, UefiHttp));
        Assert.Equal($"http://10.47.0.1:8080/{BootFixture.IpxeScript}", Boots(settings, UefiHttp with { UserClasses = ["iPXE"], IsIpxe = true }));
        // PxeKit says HTTPClient to an HTTP Boot client itself: the forced option 60 needs nothing written, and is not left.
        var http = imported.Config.Profiles!.Single(p => p.Name == "http");
        Assert.Empty(imported.OptionsOf(http));
        AssertLeft(imported, "pid-file", "dhcp-leasefile");
    }

    [Fact]
    public void Lab_arm64_boot_gives_arm64_firmware_grub()
    {
        // DnsmasqBootTests.Arm64.cs.
        var (settings, imported) = Convert(LabDnsmasq(
            $"--dhcp-match=set:arm64,option:client-arch,{Arm64BootFixture.ClientArchitecture}",
            $"--dhcp-boot=tag:arm64,{Arm64BootFixture.BootFileName}"), LabBridge);

        Assert.Equal(Arm64BootFixture.BootFileName, Boots(settings, Arm64Pxe));
        Assert.Null(Boots(settings, UefiPxe));
        AssertLeft(imported, "pid-file", "dhcp-leasefile");
    }

    [Fact]
    public void Trace_captures_keep_their_two_reservations()
    {
        // tests/PxeKit.Diagnostics.Tests/Data/trace/make-captures.sh, bios-clean.
        var (settings, imported) = Convert(
        [
            "--no-daemon", "--conf-file=/dev/null", "--port=0", "--interface=pxcbr0", "--bind-interfaces",
            "--dhcp-range=10.96.0.100,10.96.0.150,255.255.255.0,1h", "--enable-tftp", $"--tftp-root={_dir}", "--log-dhcp",
            $"--pid-file={_dir}/dnsmasq.pid", $"--dhcp-leasefile={_dir}/dnsmasq.leases",
            "--dhcp-host=52:54:00:c0:ff:ee,10.96.0.120", "--dhcp-host=02:00:00:c0:ff:01,10.96.0.121", "--dhcp-boot=pxelinux.0",
        ], new InterfaceAddress("pxcbr0", IPAddress.Parse("10.96.0.1"), IPAddress.Parse("255.255.255.0"), true));

        AssertScope(settings, "10.96.0.100", "10.96.0.150", TimeSpan.FromHours(1));
        Assert.Equal([("52:54:00:c0:ff:ee", "10.96.0.120"), ("02:00:00:c0:ff:01", "10.96.0.121")],
            settings.Scopes[0].Reservations.Select(r => (r.Mac, r.Address.ToString())));
        Assert.Equal("pxelinux.0", Boots(settings, BiosPxe));
        AssertLeft(imported, "pid-file", "dhcp-leasefile");
    }

    [Fact]
    public void Benchmark_dhcp_server_keeps_its_slash_16_range_and_boot_file_and_lists_its_lease_cap()
    {
        // scripts/bench/servers.sh, dnsmasq dhcp, with scripts/bench.sh's DHCP_FIRST and DHCP_LAST. It serves no TFTP
        // (another dnsmasq does), so the root is given beside the file, as serve --root would.
        var (settings, imported) = Convert(
        [
            "--no-daemon", "--conf-file=/dev/null", "--port=0", "--user=root", "--interface=pxbbs", "--bind-interfaces",
            "--dhcp-range=10.72.1.0,10.72.250.255,255.255.0.0,1h", "--dhcp-lease-max=100000", "--no-ping", "--dhcp-boot=f1m",
            $"--dhcp-leasefile={_dir}/dnsmasq.leases", "--pid-file=", "--log-facility=-",
        ], new InterfaceAddress("pxbbs", IPAddress.Parse("10.72.0.1"), IPAddress.Parse("255.255.0.0"), true), root: _dir);

        AssertScope(settings, "10.72.1.0", "10.72.250.255", TimeSpan.FromHours(1));
        Assert.False(settings.Scopes[0].ProbeBeforeOffer); // no-ping
        Assert.Equal("f1m", Boots(settings, BiosPxe));
        AssertLeft(imported, "user", "dhcp-lease-max", "dhcp-leasefile", "log-facility");
        Assert.Contains(imported.Notes, n => n.StartsWith("no tftp-root", StringComparison.Ordinal));
    }

    [Fact]
    public void Conformance_server_keeps_its_reservation()
    {
        // scripts/bench/conformance.sh, dnsmasq.
        var (settings, imported) = Convert(
        [
            "--no-daemon", "--conf-file=/dev/null", "--port=0", "--user=root", "--interface=pxccs", "--bind-interfaces",
            "--dhcp-range=10.72.0.100,10.72.0.199,255.255.0.0,1h", "--dhcp-host=52:54:00:77:30:01,10.72.0.60", "--dhcp-boot=f1m",
            "--enable-tftp", $"--tftp-root={_dir}", $"--dhcp-leasefile={_dir}/c.leases", "--pid-file=", "--log-facility=-",
        ], new InterfaceAddress("pxccs", IPAddress.Parse("10.72.0.1"), IPAddress.Parse("255.255.0.0"), true));

        AssertScope(settings, "10.72.0.100", "10.72.0.199", TimeSpan.FromHours(1));
        var reservation = Assert.Single(settings.Scopes[0].Reservations);
        Assert.Equal(("52:54:00:77:30:01", IPAddress.Parse("10.72.0.60")), (reservation.Mac, reservation.Address));
        Assert.Equal("f1m", Boots(settings, BiosPxe));
        AssertLeft(imported, "user", "dhcp-leasefile", "log-facility");
    }

    [Fact]
    public void Live_trace_server_gives_its_client_the_reserved_address_and_boot_0()
    {
        // tests/PxeKit.Cli.Tests/Trace/LiveTraceTests.cs.
        var (settings, imported) = Convert(
        [
            "--no-daemon", "--conf-file=/dev/null", "--port=0", "--interface=pxc1s", "--bind-interfaces",
            "--dhcp-range=10.95.1.100,10.95.1.150,255.255.255.0,1h", "--dhcp-host=02:00:00:c0:ff:02,10.95.1.120", "--enable-tftp", $"--tftp-root={_dir}",
            "--dhcp-boot=boot.0", $"--pid-file={_dir}/dnsmasq.pid", $"--dhcp-leasefile={_dir}/leases",
        ], new InterfaceAddress("pxc1s", IPAddress.Parse("10.95.1.1"), IPAddress.Parse("255.255.255.0"), true));

        Assert.Equal(IPAddress.Parse("10.95.1.120"), settings.Scopes[0].ReservationFor("02:00:00:c0:ff:02")!.Address);
        Assert.Equal("boot.0", Boots(settings, BiosPxe));
        AssertLeft(imported, "pid-file", "dhcp-leasefile");
    }

    [Fact]
    public void A_proxy_dnsmasq_becomes_proxy_mode_with_its_boot_file()
    {
        // dnsmasq's own proxyDHCP form (the project runs PxeKit, not dnsmasq, as the proxy: ProxyModeTests.cs).
        var (settings, imported) = Convert(
        [
            "--port=0", "--interface=pxkbr0", "--dhcp-range=10.47.0.0,proxy,255.255.255.0", "--enable-tftp", $"--tftp-root={_dir}",
            "--pxe-service=x86PC,\"Network boot\",pxelinux", "--pxe-prompt=\"Booting\",0",
        ], LabBridge);

        Assert.Equal(ServeMode.Proxy, settings.Mode);
        Assert.Empty(settings.Scopes);
        Assert.Equal("pxelinux.0", Boots(settings, BiosPxe));
        Assert.Empty(imported.Unmapped);
    }

    [Fact]
    public void Two_interfaces_get_their_own_ranges_reservations_and_routers_and_share_the_dns()
    {
        // As a dnsmasq serving two lab links would say it: each range tagged with its interface.
        var eth1 = new InterfaceAddress("lab1", IPAddress.Parse("10.61.0.1"), IPAddress.Parse("255.255.255.0"), true);
        var eth2 = new InterfaceAddress("lab2", IPAddress.Parse("10.62.0.1"), IPAddress.Parse("255.255.255.0"), true);
        var (settings, imported) = Convert(
        [
            "--interface=lab1", "--interface=lab2", "--bind-interfaces", "--port=0", "--enable-tftp", $"--tftp-root={_dir}",
            "--dhcp-range=tag:lab1,10.61.0.100,10.61.0.150,255.255.255.0,2h", "--dhcp-range=tag:lab2,set:two,10.62.0.100,10.62.0.150,255.255.255.0",
            "--dhcp-host=52:54:00:61:00:01,10.61.0.10", "--dhcp-host=52:54:00:62:00:01,10.62.0.10",
            "--dhcp-option=tag:lab1,3,10.61.0.1", "--dhcp-option=tag:two,option:router,10.62.0.1", "--dhcp-option=6,10.61.0.53",
            "--dhcp-match=set:lab2-bios,option:client-arch,0", "--dhcp-boot=tag:lab2,tag:lab2-bios,boot.0", "--dhcp-boot=pxelinux.0",
        ], [eth1, eth2]);

        Assert.Empty(imported.Unmapped);
        Assert.Equal(["lab1", "lab2"], settings.Interfaces.Select(i => i.Name));
        var one = settings.Scopes.Single(s => s.Interface == "lab1");
        var two = settings.Scopes.Single(s => s.Interface == "lab2");
        Assert.Equal((IPAddress.Parse("10.61.0.100"), TimeSpan.FromHours(2), IPAddress.Parse("10.61.0.1")), (one.RangeStart, one.LeaseTime, one.Router));
        Assert.Equal((IPAddress.Parse("10.62.0.150"), TimeSpan.FromHours(1), IPAddress.Parse("10.62.0.1")), (two.RangeEnd, two.LeaseTime, two.Router));
        Assert.Equal(["52:54:00:61:00:01"], one.Reservations.Select(r => r.Mac));
        Assert.Equal(["52:54:00:62:00:01"], two.Reservations.Select(r => r.Mac));
        Assert.All(settings.Scopes, s => Assert.Equal([IPAddress.Parse("10.61.0.53")], s.DnsServers));
        Assert.Equal("boot.0", Boots(settings, BiosPxe with { Interface = "lab2" }));
        Assert.Equal("pxelinux.0", Boots(settings, BiosPxe with { Interface = "lab1" }));
    }

    /// <summary>The file each client gets: the program of the first profile that takes it.</summary>
    private static string? Boots(ServeSettings settings, BootClient client) =>
        settings.Profiles.FirstOrDefault(p => p.Match.Matches(client))?.Program;

    private static void AssertScope(ServeSettings settings, string first, string last, TimeSpan lease)
    {
        var scope = Assert.Single(settings.Scopes);
        Assert.Equal((IPAddress.Parse(first), IPAddress.Parse(last), lease), (scope.RangeStart, scope.RangeEnd, scope.LeaseTime));
    }

    /// <summary>Exactly these settings were left, each with a reason: nothing that decides what a client gets.</summary>
    private static void AssertLeft(ImportedConfig imported, params string[] names)
    {
        Assert.Equal(names.Order(StringComparer.Ordinal), imported.Unmapped.Select(u => u.Line.Name).Order(StringComparer.Ordinal));
        Assert.All(imported.Unmapped, u => Assert.NotEmpty(u.Reason));
    }

    private (ServeSettings Settings, ImportedConfig Imported) Convert(string[] dnsmasqArguments, InterfaceAddress nic, string? root = null) =>
        Convert(dnsmasqArguments, [nic], root);

    private (ServeSettings Settings, ImportedConfig Imported) Convert(string[] dnsmasqArguments, InterfaceAddress[] nics, string? root = null)
    {
        var conf = Path.Combine(_dir, "dnsmasq.conf");
        File.WriteAllText(conf, DnsmasqText.FromArguments(dnsmasqArguments));
        var errors = new List<string>();
        var imported = DnsmasqImport.Convert(conf, errors);
        Assert.True(imported is not null, string.Join("\n", errors));
        var yaml = Path.Combine(_dir, "pxekit.yaml");
        File.WriteAllText(yaml, ConfigYamlWriter.Write(imported, conf));

        var settings = new ServeSettingsBuilder(name => nics.FirstOrDefault(n => n.Interface == name))
            .Build(new ServeArguments { ConfigPath = yaml, Root = root, LeaseDb = ":memory:" }, errors);

        Assert.True(settings is not null, string.Join("\n", errors) + "\n" + File.ReadAllText(yaml));
        return (settings, imported);
    }
}
