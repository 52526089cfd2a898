using PxeKit.Lab.Qemu;

namespace PxeKit.Lab.Tests.Qemu;

public sealed class QemuCommandLineTests
{
    [Fact]
    public void The_default_vm_is_the_verified_bios_e1000_command_inside_the_lab_namespace()
    {
        var command = QemuCommandLine.Build(new QemuOptions(), "/tmp/serial.log");

        Assert.Equal(
            "ip netns exec pxk-lab qemu-system-x86_64 -accel tcg -m 512 -machine graphics=off -display none -monitor none "
            + "-serial file:/tmp/serial.log -boot n -netdev tap,id=n0,ifname=pxktap0,script=no,downscript=no "
            + "-device e1000,netdev=n0 -no-reboot",
            command.ToShell());
    }

    [Fact]
    public void Nic_mac_memory_and_namespace_are_options()
    {
        var options = new QemuOptions { Nic = "rtl8139", MacAddress = "52:54:00:aa:bb:cc", MemoryMiB = 256, Namespace = null, Tap = "pxkt1" };

        var command = QemuCommandLine.Build(options, "/tmp/s.log");

        Assert.Equal("qemu-system-x86_64", command.FileName);
        Assert.Contains("rtl8139,netdev=n0,mac=52:54:00:aa:bb:cc", command.Arguments);
        Assert.Contains("256", command.Arguments);
        Assert.Contains("tap,id=n0,ifname=pxkt1,script=no,downscript=no", command.Arguments);
    }
}
