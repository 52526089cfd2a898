namespace PxeKit.Cli.Tests.Config;

/// <summary>A profile's <c>menu:</c> (issue 18): its items are profiles iPXE can run, its default one of them.</summary>
public sealed class MenuSettingsTests : IDisposable
{
    private readonly YamlSettings _yaml = new();

    [Fact]
    public void A_menu_of_kernel_and_disk_profiles_loads_and_every_mistake_in_one_is_named()
    {
        _yaml.File("vmlinuz");
        _yaml.File("pxelinux.0");
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

    public void Dispose() => _yaml.Dispose();

    private PxeKit.Host.ServeSettings? Build(string yaml, out List<string> errors) => _yaml.Build(yaml, out errors);
}
