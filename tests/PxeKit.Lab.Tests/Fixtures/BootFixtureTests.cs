using PxeKit.Lab.Fixtures;

namespace PxeKit.Lab.Tests.Fixtures;

public sealed class BootFixtureTests
{
    [Fact]
    public void The_kernel_talks_on_the_serial_port_loudly_and_a_panic_ends_the_vm()
    {
        Assert.Contains("console=ttyS0", BootFixture.PxelinuxConfigText, StringComparison.Ordinal);
        Assert.Contains("panic=-1", BootFixture.PxelinuxConfigText, StringComparison.Ordinal);
        Assert.DoesNotContain("quiet", BootFixture.PxelinuxConfigText, StringComparison.Ordinal);
        Assert.Contains("KERNEL vmlinuz", BootFixture.PxelinuxConfigText, StringComparison.Ordinal);
        Assert.Contains("INITRD initrd.gz", BootFixture.PxelinuxConfigText, StringComparison.Ordinal);
    }

    [Fact]
    public void Init_is_a_busybox_script_that_prints_the_marker_and_powers_off()
    {
        var lines = BootFixture.InitScript.Split('\n');
        Assert.Equal("#!/bin/busybox sh", lines[0]);
        Assert.Contains(lines, l => l.Contains(BootFixture.Marker, StringComparison.Ordinal));
        Assert.Contains("/bin/busybox poweroff -f", lines);
    }

    [Fact]
    public void The_tree_lists_all_five_files()
    {
        Assert.Equal(["pxelinux.0", "ldlinux.c32", "pxelinux.cfg/default", "vmlinuz", "initrd.gz"], BootFixture.Files);
    }

    [Fact]
    public void The_uefi_list_holds_ipxe_its_script_and_the_shared_kernel_and_initrd()
    {
        Assert.Equal(["ipxe.efi", "undionly.kpxe", "boot.ipxe", "vmlinuz", "initrd.gz"], BootFixture.UefiFiles);
        Assert.Equal(10, BootFixture.AllFiles.Count);
        Assert.Equal("ipxe.efi", BootFixture.UefiBootFileName);
    }

    [Fact]
    public void The_secure_boot_list_holds_shim_and_grub_under_the_names_shim_and_the_firmware_use_and_the_shared_kernel()
    {
        Assert.Equal(["shimx64.efi", "grubx64.efi", "vmlinuz", "initrd.gz"], BootFixture.SecureBootFiles);
        Assert.Equal(3, BootFixture.LayoutVersion);
    }

    [Fact]
    public void The_ipxe_script_names_the_initrd_on_the_command_line_for_debians_ipxe_efi()
    {
        Assert.Equal(
            "#!ipxe\nkernel vmlinuz initrd=initrd.gz console=ttyS0 panic=-1\ninitrd initrd.gz\nboot\n",
            BootFixture.IpxeScriptText.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void The_kernel_package_is_read_from_apt_cache_depends()
    {
        const string output = """
            linux-image-amd64
              Depends: linux-image-6.1.0-56-amd64

            """;
        Assert.Equal("linux-image-6.1.0-56-amd64", DebianPackages.FindDependency(output, "linux-image-"));
        Assert.Null(DebianPackages.FindDependency("linux-image-amd64\n", "linux-image-"));
    }
}
