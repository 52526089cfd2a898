using System.Net;
using PxeKit.Core.Events;
using PxeKit.Protocol.Dhcp;
using PxeKit.Server.Boot;

namespace PxeKit.Server.Tests.Boot;

/// <summary>iPXE menus (issue 18): the menu script, the entry chosen, and nothing outside the menu.</summary>
public sealed class BootMenuTests
{
    private static readonly BootProfile[] Profiles =
    [
        new() { Name = "choose", Menu = new BootMenu("Lab", ["install", "disk"], "install", TimeSpan.FromSeconds(5)) },
        new() { Name = "install", Kernel = "vmlinuz", CommandLine = "console=ttyS0" },
        new() { Name = "disk", LocalBoot = true },
        new() { Name = "secret", Kernel = "other", Match = new ProfileMatch { Macs = new HashSet<string> { "52:54:00:00:00:09" } } },
    ];

    private readonly ProfileBootPolicy _policy = new(Profiles, new IpxeBinaries(), 80, new InMemoryBootOnceStore());

    [Fact]
    public void The_menu_lists_its_items_and_asks_for_the_script_of_the_one_chosen()
    {
        var script = _policy.Script("52:54:00:00:00:01", ClientArchitecture.IntelX86Pc)!;

        Assert.Equal(
            "#!ipxe\nmenu Lab\nitem install install\nitem disk disk\nchoose --timeout 5000 --default install selected || exit\n"
            + "chain boot.ipxe?mac=52-54-00-00-00-01&arch=0&profile=${selected}\n",
            script);
    }

    [Fact]
    public async Task The_entry_chosen_is_served_and_journaled_and_one_outside_the_menu_is_not()
    {
        var journal = new RecordingJournal();
        var source = new ProfileScriptSource(_policy, "lab0", IPAddress.Parse("10.47.0.1"), journal);
        var client = IPAddress.Parse("10.47.0.150");

        var chosen = await source.FindAsync("/boot.ipxe", client, new Dictionary<string, string> { ["mac"] = "52:54:00:00:00:01", ["arch"] = "0", ["profile"] = "install" }, CancellationToken.None);
        var outside = await source.FindAsync("/boot.ipxe", client, new Dictionary<string, string> { ["mac"] = "52:54:00:00:00:01", ["arch"] = "0", ["profile"] = "secret" }, CancellationToken.None);

        Assert.Contains("kernel vmlinuz console=ttyS0", chosen!.Content, StringComparison.Ordinal);
        Assert.Null(outside);
        var chose = Assert.Single(journal.Events);
        Assert.Equal((BootStep.MenuChosen, "install", "52:54:00:00:00:01", "10.47.0.150"), (chose.Step, chose.Profile, chose.Mac, chose.Address));
    }
}
