using System.Text;
using PxeKit.Server.BootApi;

namespace PxeKit.Server.Tests.BootApi;

/// <summary>pixiecore's reply format: what boots, and every body that cannot be put in an iPXE script said so, never thrown.</summary>
public sealed class BootApiReplyReaderTests
{
    private static readonly Uri Api = new("http://provisioner:8080/api");

    private static (string? Problem, BootApiKernel? Kernel) Read(string json) =>
        (BootApiReplyReader.TryRead(Encoding.UTF8.GetBytes(json), Api, out var kernel), kernel);

    [Fact]
    public void Absolute_urls_stay_as_they_are_and_a_string_command_line_is_kept()
    {
        var (problem, kernel) = Read("""{"kernel": "https://files.example/vmlinuz", "initrd": ["http://files.example/a.img", "http://files.example/b.img"], "cmdline": "console=ttyS0 quiet", "message": "Installing"}""");

        Assert.Null(problem);
        Assert.Equal("https://files.example/vmlinuz", kernel!.Kernel.AbsoluteUri);
        Assert.Equal(["http://files.example/a.img", "http://files.example/b.img"], kernel.Initrds.Select(i => i.AbsoluteUri));
        Assert.Equal(("console=ttyS0 quiet", "Installing"), (kernel.CommandLine, kernel.Message));
    }

    [Fact]
    public void A_path_is_resolved_against_the_api_servers_root_not_its_path()
    {
        var (problem, kernel) = Read("""{"kernel": "/kernel", "initrd": ["/initrd.0"]}""");

        Assert.Null(problem);
        Assert.Equal("http://provisioner:8080/kernel", kernel!.Kernel.AbsoluteUri);
        Assert.Equal("http://provisioner:8080/initrd.0", Assert.Single(kernel.Initrds).AbsoluteUri);
        Assert.Equal("", kernel.CommandLine);
    }

    [Fact]
    public void An_object_command_line_is_key_value_pairs_in_order_true_alone_false_left_out_and_urls_resolved()
    {
        var (problem, kernel) = Read("""{"kernel": "/k", "cmdline": {"selinux": "1", "coreos.autologin": true, "debug": false, "cloud-config-url": {"url": "/cc"}}}""");

        Assert.Null(problem);
        Assert.Equal("selinux=1 coreos.autologin cloud-config-url=http://provisioner:8080/cc", kernel!.CommandLine);
    }

    [Theory]
    [InlineData("not json", "not the reply's JSON")]
    [InlineData("null", "JSON null")]
    [InlineData("{}", "no kernel")]
    [InlineData("""{"kernel": 7}""", "not the reply's JSON")]
    [InlineData("""{"kernel": "file:///mnt/kernel"}""", "kernel 'file:///mnt/kernel' is not an http or https URL")]
    [InlineData("""{"kernel": "/k", "initrd": ["ftp://x/i"]}""", "initrd[0] 'ftp://x/i' is not an http or https URL")]
    [InlineData("""{"kernel": "/k vmlinuz"}""", "kernel has a space or a control character")]
    [InlineData("""{"kernel": "/k", "cmdline": "quiet\nshell"}""", "cmdline has a control character")]
    [InlineData("""{"kernel": "/k", "cmdline": "quiet && shell"}""", "cmdline has a word '&&' or '||'")]
    [InlineData("""{"kernel": "/k", "cmdline": {"||": true}}""", "cmdline has a word '&&' or '||'")]
    [InlineData("""{"kernel": "/k", "cmdline": 3}""", "cmdline is a Number")]
    [InlineData("""{"kernel": "/k", "cmdline": {"a": 1}}""", "cmdline.a is a Number")]
    [InlineData("""{"kernel": "/k", "cmdline": {"a b": "c"}}""", "cmdline key 'a b'")]
    public void A_body_that_cannot_boot_says_why(string json, string why)
    {
        var (problem, kernel) = Read(json);

        Assert.Null(kernel);
        Assert.Contains(why, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_message_is_one_line_of_words_without_ipxes_operators()
    {
        var (_, kernel) = Read("""{"kernel": "/k", "message": "two\nlines && shell"}""");
        var (_, empty) = Read("""{"kernel": "/k", "message": " || "}""");

        Assert.Equal("two lines shell", kernel!.Message);
        Assert.Null(empty!.Message);
    }
}
