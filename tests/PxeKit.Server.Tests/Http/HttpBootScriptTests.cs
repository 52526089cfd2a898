using System.Net;
using System.Text;
using PxeKit.Core.Events;
using PxeKit.Server.Tests.Support;
using Xunit.Abstractions;

namespace PxeKit.Server.Tests.Http;

/// <summary>The script source is asked first; files are the fallback.</summary>
[Trait("Category", "Integration")]
public sealed class HttpBootScriptTests(ITestOutputHelper output)
{
    private const string Script = "#!ipxe\nkernel /vmlinuz mac=${mac}\nboot\n";

    [Fact]
    public async Task Script_source_is_consulted_and_its_script_served()
    {
        var scripts = new FakeScriptSource("/boot.ipxe", Script);
        await using var host = HttpTestHost.Start(output, scripts);

        var result = await Curl.RunAsync(output, host.Directory, host.Url("/boot.ipxe?mac=52:54:00:12:34:56&arch=x86_64"));

        Assert.Equal(200, result.Status);
        Assert.Equal("#!ipxe\nkernel /vmlinuz mac=52:54:00:12:34:56\nboot\n", Encoding.UTF8.GetString(result.Body));
        Assert.Equal("text/plain", result.Header("Content-Type"));
        var call = Assert.Single(scripts.Calls);
        Assert.Equal("/boot.ipxe", call.Path);
        Assert.Equal(IPAddress.Loopback, call.Client);
        Assert.Equal("52:54:00:12:34:56", call.Query["mac"]);
        Assert.Equal("x86_64", call.Query["arch"]);
        var done = await host.Journal.WaitForAsync(e => e.Step == BootStep.HttpComplete);
        Assert.Equal("/boot.ipxe", done.File);
        Assert.Equal(Encoding.UTF8.GetByteCount("#!ipxe\nkernel /vmlinuz mac=52:54:00:12:34:56\nboot\n"), done.Bytes);
    }

    [Fact]
    public async Task Script_wins_over_a_file_of_the_same_name()
    {
        var scripts = new FakeScriptSource("/boot.ipxe", Script);
        await using var host = HttpTestHost.Start(output, scripts);
        await File.WriteAllTextAsync(Path.Combine(host.Root, "boot.ipxe"), "#!ipxe\necho from the file\n");

        var result = await Curl.RunAsync(output, host.Directory, host.Url("/boot.ipxe?mac=aa:bb:cc:dd:ee:ff"));

        Assert.Contains("mac=aa:bb:cc:dd:ee:ff", Encoding.UTF8.GetString(result.Body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_the_source_declines_falls_back_to_the_files()
    {
        var scripts = new FakeScriptSource("/boot.ipxe", Script);
        await using var host = HttpTestHost.Start(output, scripts);
        var expected = host.CreateFile("vmlinuz", 100_000);

        var result = await Curl.RunAsync(output, host.Directory, host.Url("/vmlinuz"));

        Assert.Equal(200, result.Status);
        Assert.Equal(expected, TestFiles.Sha256(result.BodyPath));
        Assert.Equal("/vmlinuz", Assert.Single(scripts.Calls).Path);
    }

    [Fact]
    public async Task Head_on_a_script_gives_its_length_and_no_body()
    {
        var scripts = new FakeScriptSource("/boot.ipxe", "#!ipxe\n");
        await using var host = HttpTestHost.Start(output, scripts);

        var response = await HttpBootServerTests.RawRequestAsync(host.Port, "HEAD /boot.ipxe HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 200", response, StringComparison.Ordinal);
        Assert.Contains("Content-Length: 7\r\n", response, StringComparison.Ordinal);
        Assert.EndsWith("\r\n\r\n", response, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failing_source_gives_500_and_the_server_goes_on()
    {
        var scripts = new FakeScriptSource("/boot.ipxe", Script) { Throw = true };
        await using var host = HttpTestHost.Start(output, scripts);
        await File.WriteAllTextAsync(Path.Combine(host.Root, "good.txt"), "good\n");

        var failed = await Curl.RunAsync(output, host.Directory, host.Url("/boot.ipxe"));
        scripts.Throw = false;
        var next = await Curl.RunAsync(output, host.Directory, host.Url("/good.txt"));

        Assert.Equal(500, failed.Status);
        Assert.DoesNotContain("policy broke", Encoding.UTF8.GetString(failed.Body), StringComparison.Ordinal);
        Assert.Equal("500 boot script source failed", (await host.Journal.WaitForAsync(e => e.Step == BootStep.HttpFailed)).Detail);
        Assert.Equal(200, next.Status);
    }
}
