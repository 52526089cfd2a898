using PxeKit.Lab.Fixtures;

namespace PxeKit.Lab.Tests.Fixtures;

public sealed class Arm64BootFixtureTests
{
    [Fact]
    public void The_tree_is_the_grub_image_its_config_and_the_kernel_and_initrd()
    {
        Assert.Equal(["grubaa64.efi", "grub/grub.cfg", "vmlinuz", "initrd.gz"], Arm64BootFixture.Files);
        Assert.Equal("grubaa64.efi", Arm64BootFixture.BootFileName);
        Assert.Equal(11, Arm64BootFixture.ClientArchitecture);
        Assert.Equal("/var/cache/pxekit/fixtures/arm64", new FixtureOptions().Arm64CacheDirectory);
    }

    [Fact]
    public void Grub_boots_at_once_on_the_pl011_console_and_reboots_if_the_kernel_did_not_start()
    {
        Assert.Equal(
            """
            set timeout=0
            echo "PxeKit GRUB: loading vmlinuz and initrd.gz from $root"
            linux /vmlinuz console=ttyAMA0 panic=-1
            initrd /initrd.gz
            boot
            echo "PxeKit GRUB: the kernel did not start; rebooting"
            reboot

            """.ReplaceLineEndings("\n"),
            Arm64BootFixture.GrubConfigText.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Grub_mkimage_builds_an_arm64_efi_image_with_the_network_modules_and_the_tftp_relative_prefix()
    {
        var command = Arm64FixtureBuilder.GrubMkimageCommand("/usr/bin/grub-mkimage", "/tmp/g/usr/lib/grub/arm64-efi", "/tmp/t/grubaa64.efi");

        Assert.Equal(
            "/usr/bin/grub-mkimage -O arm64-efi -d /tmp/g/usr/lib/grub/arm64-efi -p /grub -o /tmp/t/grubaa64.efi "
            + "efinet net tftp http linux normal configfile echo reboot",
            command.ToShell());
    }

    [Fact]
    public void Arm64_packages_are_qualified_and_their_debs_found_by_the_bare_name()
    {
        Assert.Equal("busybox-static:arm64", DebianPackages.Qualified("busybox-static", Arm64BootFixture.DebianArchitecture));
        Assert.Equal("busybox-static", DebianPackages.Qualified("busybox-static", null));
        const string output = """
            linux-image-arm64:arm64
              Depends: linux-image-6.1.0-56-arm64:arm64

            """;
        Assert.Equal("linux-image-6.1.0-56-arm64", DebianPackages.FindDependency(output, "linux-image-"));
    }
}
