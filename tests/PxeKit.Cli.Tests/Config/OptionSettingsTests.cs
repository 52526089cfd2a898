using PxeKit.Server.Dhcp;

namespace PxeKit.Cli.Tests.Config;

/// <summary><c>options:</c> in a dhcp section, a relayed subnet and a profile (issue 18), read from the file.</summary>
public sealed class OptionSettingsTests : IDisposable
{
    private readonly YamlSettings _yaml = new();

    [Fact]
    public void Options_by_name_or_code_reach_the_scope_the_relayed_subnet_and_the_profile()
    {
        _yaml.File("boot.0");
        var settings = Build("""
            dhcp:
              options:
                - { name: ntp-servers, value: [10.47.0.123, 10.47.0.124] }
                - { code: 224, type: hex, value: "01:02", force: true }
              relayed:
                - subnet: 10.60.0.0/24
                  range: 10.60.0.10-10.60.0.20
                  options:
                    - { name: domain-search, value: [lab.example] }
                - subnet: 10.61.0.0/24
                  range: 10.61.0.10-10.61.0.20
            profiles:
              - name: lab
                boot: boot.0
                options:
                  - { name: root-path, value: "10.47.0.1:/srv/nfs" }
            """, out var errors);

        Assert.Empty(errors);
        var own = settings!.Scopes[0];
        Assert.Equal(
            [new ConfiguredOption(42, [10, 47, 0, 123, 10, 47, 0, 124]), new ConfiguredOption(224, [1, 2], Force: true)],
            own.Options);
        Assert.Equal(119, Assert.Single(settings.Scopes[1].Options).Code);
        Assert.Equal(own.Options, settings.Scopes[2].Options); // a relayed subnet without options of its own takes its scope's
        Assert.Equal("10.47.0.1:/srv/nfs"u8.ToArray(), Assert.Single(settings.Profiles[0].Options).Value);
    }

    [Fact]
    public void Every_mistake_in_options_is_named_with_where_it_is()
    {
        Assert.Null(Build("""
            dhcp:
              options:
                - { code: 3, type: address, value: 10.47.0.1 }
                - { name: ntp-server, value: 10.47.0.1 }
                - { code: 224, value: 1 }
                - { name: interface-mtu, value: 70000 }
                - { name: interface-mtu, type: string, value: x }
                - { code: 300, type: uint8, value: 1 }
                - { code: 230, type: number, value: 1 }
                - { code: 231, type: uint8, value: 1 }
                - { code: 231, type: uint8, value: 2 }
                - { value: 1 }
            """, out var errors));

        string[] expected =
        [
            "dhcp.options[1]: option 3 cannot be set here: use router:",
            "dhcp.options[2]: no option is named 'ntp-server'",
            "dhcp.options[3]: option 224 needs a type",
            "dhcp.options[4]: option 26 (uint16): '70000' is not a whole number from 0 to 65535",
            "dhcp.options[5]: interface-mtu is of type uint16, not string",
            "dhcp.options[6]: code 300 is outside 1-254",
            "dhcp.options[7]: type 'number' is not one of",
            "dhcp.options[9]: option 231 is given twice",
            "dhcp.options[10]: give the option's name or its code",
        ];
        foreach (var text in expected)
        {
            Assert.Contains(errors, e => e.StartsWith(text, StringComparison.Ordinal));
        }

        Assert.Equal(expected.Length, errors.Count);
    }

    public void Dispose() => _yaml.Dispose();

    private PxeKit.Host.ServeSettings? Build(string yaml, out List<string> errors) => _yaml.Build(yaml, out errors);
}
