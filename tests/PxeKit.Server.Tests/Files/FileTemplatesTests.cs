using System.Net;
using System.Text;
using PxeKit.Core.Events;
using PxeKit.Protocol.Tftp;
using PxeKit.Server.Boot;
using PxeKit.Server.Files;
using PxeKit.Server.Tests.Boot;
using PxeKit.Server.Tests.Http;
using PxeKit.Server.Tests.Tftp;
using Xunit.Abstractions;

namespace PxeKit.Server.Tests.Files;

/// <summary>
/// Served text templates (issue 18): a file under the templates directory reaches a client over TFTP and HTTP, through
/// the real servers on loopback, rendered with that client's variables (its MAC from the lease on its address, its
/// profile's vars over its group's); a name the client has no value for refuses the file, never an empty string.
/// </summary>
[Trait("Category", "Integration")]
public sealed class FileTemplatesTests(ITestOutputHelper output)
{
    private const string Mac = "52:54:00:00:00:01";
    private const string Template = "server={{ server }} mac={{ mac }} ip={{ ip }} host={{ hostname }} site={{ site }} rack={{ rack }}\n";
    private const string Rendered = "server=127.0.0.1 mac=52:54:00:00:00:01 ip=127.0.0.1 host=node7 site=lab rack=r2\n";

    private static readonly BootGroup Rack = new()
    {
        Name = "rack2",
        Macs = new HashSet<string>([Mac], StringComparer.Ordinal),
        Vars = new Dictionary<string, string>(StringComparer.Ordinal) { ["rack"] = "r2", ["site"] = "the group's" },
    };

    private static readonly BootProfile Install = new()
    {
        Name = "install",
        Program = "pxelinux.0",
        Vars = new Dictionary<string, string>(StringComparer.Ordinal) { ["site"] = "lab" },
        Groups = [Rack],
    };

    [Fact]
    public async Task Tftp_serves_a_template_rendered_for_the_client_and_other_files_as_they_are()
    {
        await using var host = TftpTestHost.Start(output, o => o with { Templates = Prepare(o.Root, Variables(leased: true)) });
        await File.WriteAllTextAsync(Path.Combine(host.Root.Path, "plain.cfg"), Template);

        Assert.Equal(Rendered, await TftpReadAsync(host, "templates/preseed.cfg"));
        Assert.Equal(Template, await TftpReadAsync(host, "plain.cfg"));
    }

    [Fact]
    public async Task Tftp_refuses_a_template_whose_variable_the_client_has_no_value_for()
    {
        // No lease on the client's address: no MAC, so neither its profile's vars nor its host name are known.
        await using var host = TftpTestHost.Start(output, o => o with { Templates = Prepare(o.Root, Variables(leased: false)) });
        using var client = new RawTftpClient();

        await client.SendRequestAsync(host.EndPoint, "templates/preseed.cfg"u8.ToArray());

        var message = await client.ExpectErrorAsync(TftpErrorCode.NotDefined);
        Assert.Contains("{{ mac }}", message, StringComparison.Ordinal);
        var refused = await host.WaitForEventAsync(e => e.Step == BootStep.TftpRefused);
        Assert.Equal("templates/preseed.cfg", refused.File);
    }

    [Fact]
    public async Task Http_serves_a_template_rendered_for_the_client_and_refuses_one_it_cannot_fill()
    {
        await using var host = HttpTestHost.Start(output, configure: o => o with { Templates = Prepare(o.Root, Variables(leased: true)) });
        await File.WriteAllTextAsync(Path.Combine(host.Root, "templates", "missing.cfg"), "x={{ nothing }}\n");

        var result = await Curl.RunAsync(output, host.Directory, host.Url("/templates/preseed.cfg"));
        var refused = await Curl.RunAsync(output, host.Directory, host.Url("/templates/missing.cfg"));

        Assert.Equal(200, result.Status);
        Assert.Equal(Rendered, Encoding.UTF8.GetString(result.Body));
        Assert.Equal("no-store", result.Header("Cache-Control"));
        Assert.Equal(500, refused.Status);
        var failed = await host.Journal.WaitForAsync(e => e.Step == BootStep.HttpFailed);
        Assert.Equal("/templates/missing.cfg", failed.File);
        Assert.Contains("{{ nothing }}", failed.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void The_scan_names_each_unknown_variable_each_bad_file_and_a_directory_outside_the_root()
    {
        using var root = new TempDirectory();
        var directory = Path.Combine(root.Path, "templates");
        Directory.CreateDirectory(Path.Combine(directory, "deep"));
        File.WriteAllText(Path.Combine(directory, "good.cfg"), "{{ mac }} {{ site }}");
        File.WriteAllText(Path.Combine(directory, "deep", "bad.cfg"), "{{ mac }} {{ sitte }} {{ sitte }}");
        File.WriteAllText(Path.Combine(directory, "open.cfg"), "{{ mac");
        File.WriteAllBytes(Path.Combine(directory, "big.bin"), new byte[FileTemplates.MaxBytes + 1]);
        File.WriteAllBytes(Path.Combine(directory, "latin1.cfg"), [0x63, 0xE9, 0x0A]);
        File.WriteAllText(Path.Combine(root.Path, "elsewhere.cfg"), "{{ not-a-template-here }}");
        File.CreateSymbolicLink(Path.Combine(directory, "linked.cfg"), Path.Combine(root.Path, "elsewhere.cfg")); // served as that file is
        Directory.CreateSymbolicLink(Path.Combine(directory, "linked-dir"), root.Path);

        var errors = FileTemplates.Check(root.Path, "templates", name => name == "site");

        Assert.Equal(4, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("templates: templates/deep/bad.cfg uses {{ sitte }}, which is neither built in", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("templates: templates/open.cfg: '{{' at 1 is never closed", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("templates: templates/big.bin: 1048577 bytes, and a template is at most 1048576", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("templates: templates/latin1.cfg: a template is UTF-8 text", StringComparison.Ordinal));
        Assert.Empty(FileTemplates.Check(root.Path, "templates/deep", name => name == "sitte"));
        Assert.Contains("must be a directory under the root", Assert.Single(FileTemplates.Check(root.Path, "../x", _ => true)), StringComparison.Ordinal);
        Assert.Contains("is not a directory under the root", Assert.Single(FileTemplates.Check(root.Path, "nothing", _ => true)), StringComparison.Ordinal);
    }

    /// <summary>ROOT/templates/preseed.cfg, and the templates directory over it.</summary>
    private static FileTemplates Prepare(string root, ITemplateVariables variables)
    {
        Directory.CreateDirectory(Path.Combine(root, "templates"));
        File.WriteAllText(Path.Combine(root, "templates", "preseed.cfg"), Template);
        return new FileTemplates(root, "templates", variables);
    }

    /// <summary>The real boot policy, which answered the machine's DHCP request; its lease is on 127.0.0.1 or nowhere.</summary>
    private static ClientFileVariables Variables(bool leased)
    {
        var policy = new ProfileBootPolicy([Install], new IpxeBinaries(), 80, new InMemoryBootOnceStore());
        Assert.Equal("install", policy.Choose(BootClients.Bios(Mac) with { HostName = "node7" }, IPAddress.Loopback)!.Profile);
        return new ClientFileVariables(policy, address => leased && address.Equals(IPAddress.Loopback) ? Mac : null);
    }

    private static async Task<string> TftpReadAsync(TftpTestHost host, string name)
    {
        using var client = new RawTftpClient();
        await client.SendRequestAsync(host.EndPoint, Encoding.ASCII.GetBytes(name));
        var data = await client.ExpectAsync(TftpOpcode.Data);
        await client.SendAckAsync(data.RemoteEndPoint, 1);
        await host.WaitForEventAsync(e => e.Step == BootStep.TftpComplete && e.File == name);
        return Encoding.UTF8.GetString(data.Buffer.AsSpan(4));
    }
}
