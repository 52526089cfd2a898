using System.Net;
using PxeKit.Cli.Explain;
using PxeKit.Cli.Tests.Config;
using PxeKit.Host.Management;

namespace PxeKit.Cli.Tests.Explain;

/// <summary>
/// The engine behind <c>POST /api/v1/explain</c>: with <c>"ipv6": true</c> it tells the DHCPv6 answer, as
/// <c>explain --ipv6</c> does, against the settings served and the served interface's own IPv6 address.
/// </summary>
public sealed class ClientExplainerTests : IDisposable
{
    private const string Yaml = """
        dhcp6:
          range: fd00:47::100-fd00:47::1ff
        profiles:
          - name: linux
            match: { arch: [uefi-x64, uefi-x64-http] }
            kernel: vmlinuz
            initrd: [initrd.gz]
        """;

    private readonly YamlSettings _yaml = new();

    public ClientExplainerTests()
    {
        foreach (var file in new[] { "vmlinuz", "initrd.gz", "ipxe.efi" })
        {
            _yaml.File(file);
        }
    }

    public void Dispose() => _yaml.Dispose();

    [Fact]
    public void An_ipv6_request_gets_the_dhcpv6_answer_with_the_boot_url_on_the_interface_s_address()
    {
        var settings = _yaml.Build(Yaml, out var errors);
        Assert.NotNull(settings);
        var explainer = new ClientExplainer(name => name == "lab0" ? IPAddress.Parse("fd00:47::1") : null);

        var reply = explainer.Explain(new ExplainRequest("52:54:00:12:34:56") { Ipv6 = true }, settings, null, errors);

        Assert.Empty(errors);
        Assert.NotNull(reply);
        Assert.Equal(("linux", true), (reply.Profile, reply.Answered));
        Assert.Contains("DHCPv6 Solicit to [fd00:47::1]:547 on lab0", reply.Text, StringComparison.Ordinal);
        Assert.Contains("tftp://[fd00:47::1]/ipxe.efi", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_dhcp6_section_or_an_ipv6_address_the_request_is_refused_with_the_reason()
    {
        var withoutDhcp6 = _yaml.Build("profiles:\n  - name: any\n    boot: ipxe.efi\n", out var errors);
        Assert.NotNull(withoutDhcp6);
        Assert.Null(new ClientExplainer(_ => IPAddress.Parse("fd00:47::1")).Explain(new ExplainRequest("52:54:00:12:34:56") { Ipv6 = true }, withoutDhcp6, null, errors));
        Assert.Equal(["the configuration has no dhcp6: section, so there is no DHCPv6 answer to explain"], errors);

        var settings = _yaml.Build(Yaml, out errors);
        Assert.NotNull(settings);
        Assert.Null(new ClientExplainer(_ => null).Explain(new ExplainRequest("52:54:00:12:34:56") { Ipv6 = true }, settings, null, errors));
        Assert.Equal(["lab0 has no global or unique-local IPv6 address to name in boot URLs"], errors);
    }
}
