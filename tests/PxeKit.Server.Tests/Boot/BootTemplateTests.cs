using System.Net;
using PxeKit.Server.Boot;

namespace PxeKit.Server.Tests.Boot;

/// <summary>Templates in a kernel's command line (issue 18): checked names, every value filled, never an empty hole.</summary>
public sealed class BootTemplateTests
{
    [Fact]
    public void Names_are_read_in_order_and_a_broken_placeholder_is_an_error()
    {
        Assert.Equal(["server", "mac", "site"], BootTemplate.Names("url=http://{{ server }}/{{mac}} site={{ site }}", out _));
        Assert.Null(BootTemplate.Names("root={{ server", out var unclosed));
        Assert.Contains("never closed", unclosed, StringComparison.Ordinal);
        Assert.Null(BootTemplate.Names("a={{ two words }}", out var bad));
        Assert.Contains("is not a variable name", bad, StringComparison.Ordinal);
    }

    [Fact]
    public void A_script_renders_the_clients_variables_and_the_profiles_vars()
    {
        var profile = new BootProfile
        {
            Name = "install",
            Kernel = "vmlinuz",
            CommandLine = "url=http://{{ server }}/preseed/{{ mac }}.cfg ip={{ ip }} arch={{ arch }} host={{ hostname }} uuid={{ uuid }} site={{ site }}",
            Vars = new Dictionary<string, string> { ["site"] = "rack1" },
        };
        var policy = new ProfileBootPolicy([profile], new IpxeBinaries(), 80, new InMemoryBootOnceStore());
        policy.Choose(BootClients.Bios() with { Uuid = "8c2d4e5f-0a1b-4c3d-9e8f-123456789abc", HostName = "node-1" }, IPAddress.Parse("10.47.0.1"));

        var script = policy.Script("52:54:00:00:00:01", Protocol.Dhcp.ClientArchitecture.IntelX86Pc, from: IPAddress.Parse("10.47.0.150"), server: IPAddress.Parse("10.47.0.1"));

        Assert.Contains(
            "kernel vmlinuz url=http://10.47.0.1/preseed/52:54:00:00:00:01.cfg ip=10.47.0.150 arch=0 host=node-1 uuid=8c2d4e5f-0a1b-4c3d-9e8f-123456789abc site=rack1",
            script,
            StringComparison.Ordinal);
    }

    [Fact]
    public void A_variable_the_client_never_gave_gives_a_script_that_says_so_and_boots_nothing()
    {
        var profile = new BootProfile { Name = "install", Kernel = "vmlinuz", CommandLine = "host={{ hostname }}" };
        var policy = new ProfileBootPolicy([profile], new IpxeBinaries(), 80, new InMemoryBootOnceStore());

        var script = policy.Script("52:54:00:00:00:01", null, server: IPAddress.Parse("10.47.0.1"))!;

        Assert.Contains("needs {{ hostname }}", script, StringComparison.Ordinal);
        Assert.DoesNotContain("kernel", script, StringComparison.Ordinal);
        Assert.EndsWith("exit 1\n", script, StringComparison.Ordinal);
    }
}
