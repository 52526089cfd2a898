using System.Net;
using PxeKit.Protocol.Dhcp;
using PxeKit.Server.Boot;

namespace PxeKit.Server.Tests.Boot;

public class ProfileBootPolicyTests
{
    private static readonly IPAddress Server = IPAddress.Parse("10.47.0.1");

    private static readonly BootProfile Linux = new()
    {
        Name = "linux",
        Kernel = "vmlinuz",
        Initrds = ["initrd.gz"],
        CommandLine = "console=ttyS0",
    };

    private static ProfileBootPolicy Policy(params BootProfile[] profiles) =>
        new(profiles, new IpxeBinaries(), 80, new InMemoryBootOnceStore());

    [Fact]
    public void The_first_matching_profile_wins_by_architecture_and_x64_uefi_is_7_and_9()
    {
        var policy = Policy(
            new BootProfile { Name = "bios", Program = "pxelinux.0", Match = new ProfileMatch { Architectures = [ClientArchitecture.IntelX86Pc] } },
            new BootProfile { Name = "uefi", Program = "grubx64.efi", Match = new ProfileMatch { Architectures = [ClientArchitecture.EfiBc, ClientArchitecture.EfiX64] } },
            new BootProfile { Name = "arm", Program = "grubaa64.efi", Match = new ProfileMatch { Architectures = [ClientArchitecture.EfiArm64] } });

        Assert.Equal("pxelinux.0", policy.Choose(BootClients.Bios(), Server)!.BootFile);
        Assert.Equal("grubx64.efi", policy.Choose(BootClients.UefiX64(), Server)!.BootFile);
        Assert.Equal("grubx64.efi", policy.Choose(BootClients.UefiX64(arch: ClientArchitecture.EfiX64), Server)!.BootFile);
        Assert.Equal("grubaa64.efi", policy.Choose(BootClients.Arm64(), Server)!.BootFile);
    }

    [Fact]
    public void A_mac_match_only_takes_that_machine()
    {
        var policy = Policy(new BootProfile
        {
            Name = "one",
            Program = "special.0",
            Match = new ProfileMatch { Macs = new HashSet<string> { "52:54:00:00:00:09" } },
        });

        Assert.NotNull(policy.Choose(BootClients.Bios("52:54:00:00:00:09"), Server));
        Assert.Null(policy.Choose(BootClients.Bios("52:54:00:00:00:08"), Server));
    }

    [Fact]
    public void A_kernel_profile_chainloads_the_ipxe_build_of_each_firmware_first()
    {
        var policy = Policy(Linux);

        var bios = policy.Choose(BootClients.Bios(), Server)!;
        var uefi = policy.Choose(BootClients.UefiX64(), Server)!;
        var arm = policy.Choose(BootClients.Arm64(), Server)!;

        Assert.Equal(("undionly.kpxe", BootAction.ChainloadIpxe), (bios.BootFile, bios.Action));
        Assert.Equal(("ipxe.efi", BootAction.ChainloadIpxe), (uefi.BootFile, uefi.Action));
        Assert.Equal(("ipxe-arm64.efi", BootAction.ChainloadIpxe), (arm.BootFile, arm.Action));
    }

    [Fact]
    public void Regression_no_chainload_loop_ipxe_itself_gets_the_script_url()
    {
        var policy = Policy(Linux);

        var answer = policy.Choose(BootClients.UefiX64Ipxe(), Server)!;

        Assert.Equal(BootAction.IpxeScript, answer.Action);
        Assert.Equal("http://10.47.0.1/boot.ipxe?mac=52:54:00:00:00:02&arch=7", answer.BootFile);
    }

    [Fact]
    public void The_script_boots_the_kernel_with_the_initrd_named_on_the_command_line()
    {
        var script = Policy(Linux).Script("52:54:00:00:00:02", ClientArchitecture.EfiBc);

        Assert.Equal(
            "#!ipxe\n" +
            "echo PxeKit: profile linux boots vmlinuz on 52:54:00:00:00:02\n" +
            "kernel vmlinuz initrd=initrd.gz console=ttyS0\n" +
            "initrd initrd.gz\n" +
            "boot\n",
            script);
    }

    [Fact]
    public void An_http_boot_client_gets_a_url_and_the_reply_must_say_HTTPClient()
    {
        var policy = new ProfileBootPolicy([Linux], new IpxeBinaries(), 8080, new InMemoryBootOnceStore());

        var answer = policy.Choose(BootClients.UefiHttp(), Server)!;

        Assert.Equal("http://10.47.0.1:8080/ipxe.efi", answer.BootFile);
        Assert.True(answer.ForHttpClient);
    }

    [Fact]
    public void Kernel_profiles_cannot_boot_without_the_http_server()
    {
        var policy = new ProfileBootPolicy([Linux], new IpxeBinaries(), null, new InMemoryBootOnceStore());
        Assert.Null(policy.Choose(BootClients.BiosIpxe(), Server));
    }

    [Fact]
    public void Local_boot_tells_ipxe_to_exit()
    {
        var policy = Policy(new BootProfile { Name = "disk", LocalBoot = true });

        Assert.Equal("undionly.kpxe", policy.Choose(BootClients.Bios(), Server)!.BootFile);
        Assert.Contains("\nexit\n", policy.Script("52:54:00:00:00:01", ClientArchitecture.IntelX86Pc), StringComparison.Ordinal);
    }

    [Fact]
    public void A_boot_once_profile_applies_until_its_kernel_was_delivered_then_the_next_one_applies()
    {
        var install = Linux with { Name = "install", Once = true };
        var policy = Policy(install, new BootProfile { Name = "disk", LocalBoot = true });
        const string mac = "52:54:00:00:00:01";

        Assert.Contains("kernel vmlinuz", policy.Script(mac, ClientArchitecture.IntelX86Pc), StringComparison.Ordinal);
        policy.Choose(BootClients.BiosIpxe(mac), Server);
        policy.Delivered(mac, "initrd.gz");
        Assert.Contains("kernel vmlinuz", policy.Script(mac, ClientArchitecture.IntelX86Pc), StringComparison.Ordinal);

        policy.Delivered(mac, "/vmlinuz");

        Assert.Contains("exit", policy.Script(mac, ClientArchitecture.IntelX86Pc), StringComparison.Ordinal);
        Assert.Contains("kernel vmlinuz", policy.Script("52:54:00:00:00:07", ClientArchitecture.IntelX86Pc), StringComparison.Ordinal);
    }

    [Fact]
    public void No_profile_means_no_boot_information()
    {
        var policy = Policy(new BootProfile { Name = "pi", Program = "bootcode.bin", Match = new ProfileMatch { VendorClassPrefix = "Nothing" } });
        Assert.Null(policy.Choose(BootClients.Bios(), Server));
    }
}
