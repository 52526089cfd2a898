using System.Net;
using PxeKit.Protocol.Dhcp;
using PxeKit.Server.Boot;
using PxeKit.Server.Machines;

namespace PxeKit.Server.Tests.Boot;

public sealed class ProfileBootPolicyBootLocalTests
{
    private static readonly IPAddress Server = IPAddress.Parse("10.47.0.1");
    private const string Mac = "52:54:00:00:00:01";

    [Fact]
    public void A_machine_set_to_boot_local_is_sent_to_its_disk_before_every_profile_until_cleared()
    {
        var machines = new MachineOverrides(new InMemoryMachineOverrideStore());
        var linux = new BootProfile { Name = "linux", Kernel = "vmlinuz", CommandLine = "console=ttyS0" };
        var policy = new ProfileBootPolicy([linux], new IpxeBinaries(), 80, new InMemoryBootOnceStore(), machines);

        machines.Change(Mac, m => m with { BootLocal = true });

        Assert.Equal(ProfileBootPolicy.BootLocalProfile.Name, policy.Choose(BootClients.BiosIpxe(Mac), Server)!.Profile);
        Assert.Contains("\nexit\n", policy.Script(Mac, ClientArchitecture.IntelX86Pc), StringComparison.Ordinal);
        Assert.Equal("linux", policy.Choose(BootClients.BiosIpxe("52:54:00:00:00:02"), Server)!.Profile);

        machines.Change(Mac, m => m with { BootLocal = false });

        Assert.Equal("linux", policy.Choose(BootClients.BiosIpxe(Mac), Server)!.Profile);
        Assert.Contains("kernel vmlinuz", policy.Script(Mac, ClientArchitecture.IntelX86Pc), StringComparison.Ordinal);
        Assert.Null(machines.Find(Mac));
    }
}
