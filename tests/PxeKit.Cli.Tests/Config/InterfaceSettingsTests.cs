using System.Net;
using PxeKit.Cli.Config;
using PxeKit.Core.Net;
using PxeKit.Host;
using PxeKit.Server.Boot;

namespace PxeKit.Cli.Tests.Config;

/// <summary>Several interfaces in one process (issue 14): named on the command line or under <c>interfaces:</c>.</summary>
public sealed class InterfaceSettingsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("pxekit-interfaces-").FullName;

    private static InterfaceAddress? Lab(string name) => name switch
    {
        "lab0" => new InterfaceAddress("lab0", IPAddress.Parse("10.47.0.1"), IPAddress.Parse("255.255.255.0"), true),
        "lab1" => new InterfaceAddress("lab1", IPAddress.Parse("10.48.0.1"), IPAddress.Parse("255.255.255.0"), true),
        "same" => new InterfaceAddress("same", IPAddress.Parse("10.47.0.2"), IPAddress.Parse("255.255.0.0"), true),
        _ => null,
    };

    [Fact]
    public void Interfaces_named_on_the_command_line_are_each_served_with_the_default_range_of_their_subnet()
    {
        var settings = Build(new ServeArguments { Interfaces = ["lab0", "lab1"], Root = _root }, out var errors);

        Assert.Empty(errors);
        Assert.Equal(["lab0", "lab1"], settings!.Interfaces.Select(i => i.Name));
        Assert.Equal(IPAddress.Parse("10.48.0.1"), settings.Interfaces[1].Address);
        Assert.Collection(
            settings.Scopes,
            s => Assert.Equal(("lab0", IPAddress.Parse("10.47.0.128"), IPAddress.Parse("10.47.0.1")), (s.Interface, s.RangeStart, s.ServerAddress)),
            s => Assert.Equal(("lab1", IPAddress.Parse("10.48.0.128"), IPAddress.Parse("10.48.0.1")), (s.Interface, s.RangeStart, s.ServerAddress)));
    }

    [Fact]
    public void Each_entry_of_interfaces_has_its_own_scope_and_profiles_and_takes_what_it_does_not_give_from_the_top()
    {
        File.WriteAllText(Path.Combine(_root, "lab.0"), "");
        File.WriteAllText(Path.Combine(_root, "all.0"), "");
        var config = Write($$"""
            root: {{_root}}
            dhcp:
              lease-time: 30m
              dns: [10.47.0.53]
            interfaces:
              - name: lab0
                dhcp:
                  range: 10.47.0.10-10.47.0.20
                  lease-time: 2h
                  relayed:
                    - subnet: 10.60.0.0/24
                      range: 10.60.0.10-10.60.0.20
                profiles:
                  - name: lab-only
                    boot: lab.0
              - name: lab1
                dhcp:
                  range: 10.48.0.50-10.48.0.60
            profiles:
              - name: everyone
                boot: all.0
            """);

        var settings = Build(new ServeArguments { ConfigPath = config }, out var errors);

        Assert.Empty(errors);
        Assert.Equal(["lab0", "lab1"], settings!.Interfaces.Select(i => i.Name));
        var lab0 = settings.Scopes.Single(s => s.Interface == "lab0" && s.RelayedNetwork is null);
        var relayed = settings.Scopes.Single(s => s.RelayedNetwork is not null);
        var lab1 = settings.Scopes.Single(s => s.Interface == "lab1");
        Assert.Equal((IPAddress.Parse("10.47.0.10"), TimeSpan.FromHours(2)), (lab0.RangeStart, lab0.LeaseTime));
        Assert.Equal(("lab0", IPAddress.Parse("10.47.0.1")), (relayed.Interface, relayed.ServerAddress));
        Assert.Equal((IPAddress.Parse("10.48.0.50"), TimeSpan.FromMinutes(30)), (lab1.RangeStart, lab1.LeaseTime));
        Assert.Equal([IPAddress.Parse("10.47.0.53")], lab1.DnsServers);

        Assert.Equal(["lab-only", "everyone"], settings.Profiles.Select(p => p.Name));
        var client = new BootClient { Mac = "52:54:00:00:00:01", Interface = "lab1" };
        Assert.False(settings.Profiles[0].Match.Matches(client));
        Assert.True(settings.Profiles[0].Match.Matches(client with { Interface = "lab0" }));
        Assert.True(settings.Profiles[1].Match.Matches(client));
    }

    [Fact]
    public void The_command_line_chooses_which_of_the_files_interfaces_are_served()
    {
        var config = Write($$"""
            root: {{_root}}
            interfaces:
              - name: lab0
                dhcp: { range: 10.47.0.10-10.47.0.20 }
              - name: lab1
            """);

        var settings = Build(new ServeArguments { ConfigPath = config, Interfaces = ["lab0"] }, out var errors);

        Assert.Empty(errors);
        Assert.Equal(IPAddress.Parse("10.47.0.10"), Assert.Single(settings!.Scopes).RangeStart);
    }

    [Fact]
    public void What_belongs_to_one_subnet_or_one_interface_is_refused_with_several_and_every_mistake_is_named()
    {
        var config = Write($$"""
            root: {{_root}}
            interface: lab0
            dhcp:
              range: 10.47.0.10-10.47.0.20
              reservations:
                - { mac: 52:54:00:00:00:09, address: 10.47.0.9 }
            interfaces:
              - name: lab0
              - name: lab1
                dhcp: { rate-limit: 3 }
              - name: lab1
              - dhcp: { range: 10.9.0.1-10.9.0.2 }
              - name: same
            profiles:
              - name: elsewhere
                match: { interface: [eth9] }
                boot: x.0
            """);

        var settings = Build(new ServeArguments { ConfigPath = config, DhcpRange = "10.47.0.30-10.47.0.40" }, out var errors);

        Assert.Null(settings);
        string[] expected =
        [
            "both 'interface:' and 'interfaces:'",
            "interfaces[4]: no name",
            "the interface lab1 is named twice",
            "lab0 (10.47.0.1/255.255.255.0) and same (10.47.0.2/255.255.0.0) are on one subnet",
            "dhcp: range, reservations belong to one subnet",
            "interfaces[lab1].dhcp.rate-limit",
            "--dhcp-range is one interface's range",
            "match.interface 'eth9' is not served",
        ];
        foreach (var text in expected)
        {
            Assert.Contains(errors, e => e.Contains(text, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void A_range_under_an_interface_is_checked_against_its_subnet_and_named_where_it_is()
    {
        var config = Write($$"""
            root: {{_root}}
            interfaces:
              - name: lab0
              - name: lab1
                dhcp: { range: 10.47.0.10-10.47.0.20, lease-time: soon }
            """);

        Assert.Null(Build(new ServeArguments { ConfigPath = config }, out var errors));
        Assert.Contains(errors, e => e.Contains("10.47.0.10-10.47.0.20 is not on the subnet of lab1", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("interfaces[lab1].dhcp.lease-time 'soon'", StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private ServeSettings? Build(ServeArguments arguments, out List<string> errors)
    {
        errors = [];
        return new ServeSettingsBuilder(Lab).Build(arguments with { LeaseDb = ":memory:" }, errors);
    }

    private string Write(string yaml)
    {
        var path = Path.Combine(_root, "pxekit.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }
}
