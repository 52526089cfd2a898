using System.Net;
using PxeKit.Cli.Config;
using PxeKit.Core.Net;

namespace PxeKit.Cli.Tests.Config;

/// <summary>A profile's <c>menu:</c> (issue 18): its items are profiles iPXE can run, its default one of them.</summary>
public sealed class MenuSettingsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("pxekit-menu-").FullName;

    private static InterfaceAddress? Lab0(string name) => name == "lab0"
        ? new InterfaceAddress("lab0", IPAddress.Parse("10.47.0.1"), IPAddress.Parse("255.255.255.0"), true)
        : null;

    [Fact]
    public void A_menu_of_kernel_and_disk_profiles_loads_and_every_mistake_in_one_is_named()
    {
        File.WriteAllText(Path.Combine(_root, "vmlinuz"), "");
        File.WriteAllText(Path.Combine(_root, "pxelinux.0"), "");
        var good = Build("""
            profiles:
              - name: choose
                menu: { title: Lab, items: [install, disk], default: disk, timeout: 30s }
              - { name: install, kernel: vmlinuz }
              - { name: disk, local: true }
            """, out var none);
        Assert.Empty(none);
        Assert.Equal(new PxeKit.Server.Boot.BootMenu("Lab", ["install", "disk"], "disk", TimeSpan.FromSeconds(30)), good!.Profiles[0].Menu);

        Assert.Null(Build("""
            profiles:
              - name: choose
                menu: { items: [install, legacy, nowhere, install], default: elsewhere, timeout: soon }
                boot: pxelinux.0
              - { name: install, kernel: vmlinuz }
              - { name: legacy, boot: pxelinux.0 }
              - name: empty
                menu: { timeout: 5s }
            """, out var errors));
        string[] expected =
        [
            "give exactly one of boot (a boot program), kernel (booted through iPXE), local: true or menu",
            "menu.items names install twice",
            "menu.default elsewhere is not one of its items",
            "menu.timeout 'soon' is not a duration above zero",
            "menu.items names no profile",
            "menu.timeout needs a menu.default",
            "menu item legacy must boot a kernel or the local disk",
            "menu item nowhere is not a profile",
        ];
        foreach (var text in expected)
        {
            Assert.Contains(errors, e => e.Contains(text, StringComparison.Ordinal));
        }
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private PxeKit.Host.ServeSettings? Build(string yaml, out List<string> errors)
    {
        var path = Path.Combine(_root, "pxekit.yaml");
        File.WriteAllText(path, $"interface: lab0\nroot: {_root}\nlease-db: \":memory:\"\n{yaml}\n");
        errors = [];
        return new ServeSettingsBuilder(Lab0).Build(new ServeArguments { ConfigPath = path }, errors);
    }
}
