namespace PxeKit.Cli.Tests.Config;

/// <summary>A profile's cmdline template and vars: names checked at start (issue 18).</summary>
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

    public void Dispose() => _yaml.Dispose();

    private PxeKit.Host.ServeSettings? Build(string yaml, out List<string> errors) => _yaml.Build(yaml, out errors);
}
