using System.Text;
using PxeKit.Core.Events;
using PxeKit.Server.Tests.Support;
using Xunit.Abstractions;

namespace PxeKit.Server.Tests.Http;

/// <summary>
/// Path tricks sent by curl exactly as written (<c>--path-as-is</c>): none may return the secret next
/// to the root, each is refused with the expected status and a journal reason, and the next valid
/// request on the same server is still served.
/// </summary>
[Trait("Category", "Integration")]
public sealed class HttpPathJailTests(ITestOutputHelper output)
{
    private const string Secret = "SECRET-OUTSIDE-THE-ROOT";

    // The third value says whether the request reaches the server at all: Kestrel itself answers a bare
    // 400 to a path whose decoding holds NUL, before any application code runs, so nothing is journalled.
    public static TheoryData<string, int, bool> Tricks => new()
    {
        { "/../secret.txt", 403, true },
        { "/sub/../../secret.txt", 403, true },
        { "/%2e%2e/secret.txt", 403, true },
        { "/%2E%2E%2Fsecret.txt", 403, true },
        { "/..%2fsecret.txt", 403, true },
        { "/sub/..%2F..%2Fsecret.txt", 403, true },
        { "/%2e%2e%5csecret.txt", 403, true },
        { "/..\\secret.txt", 403, true },
        { "//secret.txt", 404, true },  // leading slashes mean the root: ROOT/secret.txt, which does not exist
        { "/%2Fetc%2Fpasswd", 404, true },
        { "/%2F..%2Fsecret.txt", 403, true },
        { "/good.txt%00", 400, false },
        { "/good.txt%00.png", 400, false },
        { "/%00", 400, false },
        { "/good%0a.txt", 403, true },
        { "/link-out", 403, true },
        { "/dir-out/secret.txt", 403, true },
        { "/dir-out/nothing", 403, true },
        { "/sub", 403, true },
        { "/sub/", 403, true },
        { "/", 403, true },
        { "/%C3%A9.txt", 403, true },
        { "/%%32%65%%32%65/secret.txt", 400, true },
        { "/no-such-file", 404, true },
        { "/sub/../no-such-file", 403, true }, // any ".." is a trick, even one that stays inside
    };

    [Theory]
    [MemberData(nameof(Tricks))]
    public async Task Trick_is_refused_and_the_next_request_is_served(string path, int expectedStatus, bool reachesServer)
    {
        await using var host = HttpTestHost.Start(output);
        var outside = Path.Combine(host.Directory, "secret.txt");
        await File.WriteAllTextAsync(outside, Secret);
        await File.WriteAllTextAsync(Path.Combine(host.Root, "good.txt"), "good\n");
        Directory.CreateDirectory(Path.Combine(host.Root, "sub"));
        File.CreateSymbolicLink(Path.Combine(host.Root, "link-out"), outside);
        Directory.CreateSymbolicLink(Path.Combine(host.Root, "dir-out"), host.Directory);

        var refused = await Curl.RunAsync(output, host.Directory, $"http://127.0.0.1:{host.Port}{path}", "--path-as-is");

        Assert.Equal(expectedStatus, refused.Status);
        var body = Encoding.Latin1.GetString(refused.Body);
        Assert.DoesNotContain(Secret, body, StringComparison.Ordinal);
        Assert.DoesNotContain(host.Directory, body, StringComparison.Ordinal);
        Assert.DoesNotContain(host.Directory, refused.Headers, StringComparison.Ordinal);
        if (reachesServer)
        {
            var failed = await host.Journal.WaitForAsync(e => e.Step == BootStep.HttpFailed);
            Assert.StartsWith(expectedStatus.ToString(System.Globalization.CultureInfo.InvariantCulture) + " ", failed.Detail, StringComparison.Ordinal);
            output.WriteLine($"journal: {failed.File} -> {failed.Detail}");
        }
        else
        {
            Assert.Empty(host.Journal.Events);
        }

        var next = await Curl.RunAsync(output, host.Directory, host.Url("/good.txt"));
        Assert.Equal(200, next.Status);
        Assert.Equal("good\n", Encoding.UTF8.GetString(next.Body));
    }

    [Fact]
    public async Task Symlink_inside_the_root_is_served()
    {
        await using var host = HttpTestHost.Start(output);
        var expected = host.CreateFile("images/real.img", 4096);
        File.CreateSymbolicLink(Path.Combine(host.Root, "current.img"), Path.Combine(host.Root, "images/real.img"));

        var result = await Curl.RunAsync(output, host.Directory, host.Url("/current.img"));

        Assert.Equal(200, result.Status);
        Assert.Equal(expected, TestFiles.Sha256(result.BodyPath));
    }

    [Fact]
    public async Task Percent_encoded_ordinary_name_is_served()
    {
        await using var host = HttpTestHost.Start(output);
        var expected = host.CreateFile("efi/boot x64.efi", 2048);

        var result = await Curl.RunAsync(output, host.Directory, host.Url("/efi%2Fboot%20x64.efi"), "--path-as-is");

        Assert.Equal(200, result.Status);
        Assert.Equal(expected, TestFiles.Sha256(result.BodyPath));
    }

    [Fact]
    public async Task Violation_names_its_reason_in_the_journal_and_not_in_the_response()
    {
        await using var host = HttpTestHost.Start(output);

        var result = await Curl.RunAsync(output, host.Directory, host.Url("/../etc/passwd"), "--path-as-is");

        Assert.Equal(403, result.Status);
        Assert.Equal("403 Forbidden\n", Encoding.ASCII.GetString(result.Body));
        var failed = await host.Journal.WaitForAsync(e => e.Step == BootStep.HttpFailed);
        Assert.Equal("/../etc/passwd", failed.File);
        Assert.Contains("..", failed.Detail, StringComparison.Ordinal);
    }
}
