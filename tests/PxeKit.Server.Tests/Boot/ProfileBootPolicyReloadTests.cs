using System.Net;
using PxeKit.Server.Boot;

namespace PxeKit.Server.Tests.Boot;

/// <summary>A reload replaces the profiles for the next request; the boot-once state stays (issue 14, reload).</summary>
public class ProfileBootPolicyReloadTests
{
    private static readonly IPAddress Server = IPAddress.Parse("10.47.0.1");

    [Fact]
    public void The_next_request_after_a_replace_is_answered_from_the_new_profiles()
    {
        var policy = new ProfileBootPolicy([new BootProfile { Name = "old", Program = "old.0" }], new IpxeBinaries(), 80, new InMemoryBootOnceStore());
        Assert.Equal("old.0", policy.Choose(BootClients.Bios(), Server)!.BootFile);

        policy.Replace([new BootProfile { Name = "new", Program = "new.0" }], new IpxeBinaries { Bios = "other.kpxe" });

        var answer = policy.Choose(BootClients.Bios(), Server)!;
        Assert.Equal(("new.0", "new"), (answer.BootFile, answer.Profile));
        Assert.Equal("other.kpxe", policy.Ipxe.Bios);
    }

    [Fact]
    public void Boot_once_marks_and_a_pending_boot_once_choice_survive_a_replace()
    {
        var install = new BootProfile { Name = "install", Program = "install.0", Once = true };
        var disk = new BootProfile { Name = "disk", Program = "disk.0" };
        var policy = new ProfileBootPolicy([install, disk], new IpxeBinaries(), 80, new InMemoryBootOnceStore());
        const string used = "52:54:00:00:00:01";
        const string pending = "52:54:00:00:00:02";
        policy.Choose(BootClients.Bios(used), Server);
        policy.Delivered(used, "install.0");
        Assert.Equal("install.0", policy.Choose(BootClients.Bios(pending), Server)!.BootFile);

        // The same profiles, read again, with one more at the end.
        policy.Replace([install, disk, new BootProfile { Name = "spare", Program = "spare.0" }], new IpxeBinaries());

        Assert.Equal("disk.0", policy.Choose(BootClients.Bios(used), Server)!.BootFile);

        // The transfer that began before the reload ends after it: the mark is still set.
        policy.Delivered(pending, "install.0");
        Assert.Equal("disk.0", policy.Choose(BootClients.Bios(pending), Server)!.BootFile);
    }
}
