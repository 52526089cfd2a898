namespace PxeKit.Cli.Tests.Config;

/// <summary>A profile's cmdline template, its vars and its groups', and the served templates directory: names checked at start (issue 18).</summary>
public sealed class TemplateSettingsTests : IDisposable
{
    private readonly YamlSettings _yaml = new();

    [Fact]
    public void Known_names_and_vars_load_and_unknown_or_built_in_ones_are_refused()
    {
        _yaml.File("vmlinuz");
        var good = Build("""
            profiles:
              - name: install
                kernel: vmlinuz
                cmdline: "url=http://{{ server }}/{{ mac }} site={{ site }}"
                vars: { site: rack1 }
            """, out var none);
        Assert.Empty(none);
        Assert.Equal("rack1", good!.Profiles[0].Vars["site"]);

        Assert.Null(Build("""
            profiles:
              - name: install
                kernel: vmlinuz
                cmdline: "url=http://{{ sever }}/ x={{ y"
                vars: { mac: x }
              - name: other
                kernel: vmlinuz
                cmdline: "a={{ rack }}"
            """, out var errors));
        Assert.Contains(errors, e => e.Contains("vars.mac is a built-in variable", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("cmdline: '{{' at", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("(other): cmdline uses {{ rack }}, which is neither built in", StringComparison.Ordinal));
    }

    [Fact]
    public void Group_vars_reach_the_profiles_that_match_the_group_under_their_own_and_a_name_not_in_every_group_is_refused()
    {
        _yaml.File("vmlinuz");
        var good = Build("""
            groups:
              rack1: { macs: ["52:54:00:00:00:01"], vars: { rack: r1, site: group } }
              rack2: { macs: ["52:54:00:00:00:02"], vars: { rack: r2 } }
              plain: ["52:54:00:00:00:03"]
            profiles:
              - name: install
                match: { group: [rack1, rack2] }
                kernel: vmlinuz
                cmdline: "rack={{ rack }} site={{ site }}"
                vars: { site: own }
            """, out var none);
        Assert.Empty(none);
        var install = good!.Profiles[0];
        Assert.Equal(("r1", "own"), (install.Variable("rack", "52:54:00:00:00:01"), install.Variable("site", "52:54:00:00:00:01")));
        Assert.Equal("r2", install.Variable("rack", "52:54:00:00:00:02"));
        Assert.Null(install.Variable("rack", "52:54:00:00:00:03"));

        Assert.Null(Build("""
            groups:
              rack1: { macs: ["52:54:00:00:00:01"], vars: { rack: r1, mac: x } }
              plain: ["52:54:00:00:00:03"]
            profiles:
              - name: some
                match: { group: [rack1, plain] }
                kernel: vmlinuz
                cmdline: "rack={{ rack }}"
              - name: direct
                match: { group: [rack1], mac: ["52:54:00:00:00:09"] }
                kernel: vmlinuz
                cmdline: "rack={{ rack }}"
            """, out var errors));
        Assert.Contains(errors, e => e.Contains("groups.rack1: vars.mac is a built-in variable", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("(some): cmdline uses {{ rack }}, which is neither built in", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("(direct): cmdline uses {{ rack }}, which is neither built in", StringComparison.Ordinal));
    }

    [Fact]
    public void A_templates_directory_is_scanned_at_start_and_its_unknown_names_stop_the_server()
    {
        Directory.CreateDirectory(Path.Combine(_yaml.Root, "templates"));
        System.IO.File.WriteAllText(Path.Combine(_yaml.Root, "templates", "preseed.cfg"), "url=http://{{ server }}/{{ rack }}");
        _yaml.File("pxelinux.0");
        const string Profile = """
            profiles:
              - name: bios
                boot: pxelinux.0
            """;

        Assert.Equal("templates", Build("templates: templates\ngroups:\n  r: { macs: [], vars: { rack: r1 } }\n" + Profile, out var none)!.Templates);
        Assert.Empty(none);

        Assert.Null(Build("templates: templates\n" + Profile, out var errors));
        Assert.Equal("templates: templates/preseed.cfg uses {{ rack }}, which is neither built in (server, mac, ip, arch, uuid, hostname) nor in the vars of any profile or group", Assert.Single(errors));
        Assert.Null(Build("templates: /etc\n" + Profile, out var outside));
        Assert.Contains("must be a directory under the root", Assert.Single(outside), StringComparison.Ordinal);
    }

    public void Dispose() => _yaml.Dispose();

    private PxeKit.Host.ServeSettings? Build(string yaml, out List<string> errors) => _yaml.Build(yaml, out errors);
}
