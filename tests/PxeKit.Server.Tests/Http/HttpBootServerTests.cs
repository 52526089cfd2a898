using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using PxeKit.Core.Events;
using PxeKit.Server.Tests.Support;
using Xunit.Abstractions;

namespace PxeKit.Server.Tests.Http;

/// <summary>The HTTP boot server against the real curl on loopback; files compared by SHA-256.</summary>
[Trait("Category", "Integration")]
public sealed class HttpBootServerTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Curl_downloads_20_MB_byte_for_byte_and_the_journal_has_request_and_complete()
    {
        await using var host = HttpTestHost.Start(output);
        var expected = host.CreateFile("images/vmlinuz", 20 * 1024 * 1024);

        var result = await Curl.RunAsync(output, host.Directory, host.Url("/images/vmlinuz"));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(200, result.Status);
        Assert.Equal(expected, TestFiles.Sha256(result.BodyPath));
        Assert.Equal((20 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture), result.Header("Content-Length"));
        Assert.Equal("bytes", result.Header("Accept-Ranges"));
        Assert.Equal("application/octet-stream", result.Header("Content-Type"));
        Assert.NotNull(result.Header("ETag"));
        Assert.NotNull(result.Header("Last-Modified"));
        var done = await host.Journal.WaitForAsync(e => e.Step == BootStep.HttpComplete);
        Assert.Equal("/images/vmlinuz", done.File);
        Assert.Equal(20 * 1024 * 1024, done.Bytes);
        Assert.Equal("127.0.0.1", done.Address);
        Assert.NotNull(done.Elapsed);
        Assert.Contains(host.Journal.Events, e => e.Step == BootStep.HttpRequest && e.File == "/images/vmlinuz" && e.Address == "127.0.0.1");
    }

    [Fact]
    public async Task Head_gives_the_length_and_no_body()
    {
        await using var host = HttpTestHost.Start(output);
        host.CreateFile("initrd.img", 123_457);

        var result = await Curl.RunAsync(output, host.Directory, host.Url("/initrd.img"), "--head");

        Assert.Equal(200, result.Status);
        Assert.Equal("123457", result.Header("Content-Length"));
        // With --head curl writes what it received to -o: the headers and, if the server wrongly sent one, the body.
        var received = Encoding.Latin1.GetString(result.Body);
        Assert.EndsWith("\r\n\r\n", received, StringComparison.Ordinal);
        Assert.Equal(received.Length, received.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4);
        Assert.Equal(0, (await host.Journal.WaitForAsync(e => e.Step == BootStep.HttpComplete)).Bytes);
    }

    [Fact]
    public async Task Head_on_a_raw_socket_is_answered_without_body_bytes()
    {
        await using var host = HttpTestHost.Start(output);
        host.CreateFile("initrd.img", 70_000);

        var response = await RawRequestAsync(host.Port, "HEAD /initrd.img HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 200", response, StringComparison.Ordinal);
        Assert.Contains("Content-Length: 70000\r\n", response, StringComparison.Ordinal);
        Assert.EndsWith("\r\n\r\n", response, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Range_100_199_gives_exactly_those_bytes_with_206()
    {
        await using var host = HttpTestHost.Start(output);
        host.CreateFile("kernel", 1000);
        var whole = await File.ReadAllBytesAsync(Path.Combine(host.Root, "kernel"));

        var result = await Curl.RunAsync(output, host.Directory, host.Url("/kernel"), "-r", "100-199");

        Assert.Equal(206, result.Status);
        Assert.Equal(whole[100..200], result.Body);
        Assert.Equal("bytes 100-199/1000", result.Header("Content-Range"));
        Assert.Equal("100", result.Header("Content-Length"));
        var done = await host.Journal.WaitForAsync(e => e.Step == BootStep.HttpComplete);
        Assert.Equal(100, done.Bytes);
    }

    [Fact]
    public async Task Suffix_range_gives_the_last_bytes()
    {
        await using var host = HttpTestHost.Start(output);
        host.CreateFile("kernel", 1000);
        var whole = await File.ReadAllBytesAsync(Path.Combine(host.Root, "kernel"));

        var result = await Curl.RunAsync(output, host.Directory, host.Url("/kernel"), "-r", "-10");

        Assert.Equal(206, result.Status);
        Assert.Equal(whole[990..], result.Body);
        Assert.Equal("bytes 990-999/1000", result.Header("Content-Range"));
    }

    [Fact]
    public async Task Range_past_the_end_gives_416()
    {
        await using var host = HttpTestHost.Start(output);
        host.CreateFile("kernel", 1000);

        var result = await Curl.RunAsync(output, host.Directory, host.Url("/kernel"), "-r", "999999999-");

        Assert.Equal(416, result.Status);
        Assert.Equal("bytes */1000", result.Header("Content-Range"));
        var failed = await host.Journal.WaitForAsync(e => e.Step == BootStep.HttpFailed);
        Assert.StartsWith("416 range not satisfiable", failed.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Several_ranges_are_answered_with_the_whole_file()
    {
        await using var host = HttpTestHost.Start(output);
        var expected = host.CreateFile("kernel", 5000);

        var result = await Curl.RunAsync(output, host.Directory, host.Url("/kernel"), "-r", "0-9,100-109");

        Assert.Equal(200, result.Status);
        Assert.Equal(expected, TestFiles.Sha256(result.BodyPath));
    }

    [Fact]
    public async Task Range_with_a_stale_If_Range_gives_the_whole_file()
    {
        await using var host = HttpTestHost.Start(output);
        var expected = host.CreateFile("kernel", 5000);

        var result = await Curl.RunAsync(output, host.Directory, host.Url("/kernel"), "-r", "0-9", "-H", "If-Range: \"not-this-one\"");

        Assert.Equal(200, result.Status);
        Assert.Equal(expected, TestFiles.Sha256(result.BodyPath));
    }

    [Fact]
    public async Task Range_with_the_current_ETag_as_If_Range_is_honoured()
    {
        await using var host = HttpTestHost.Start(output);
        host.CreateFile("kernel", 5000);
        var first = await Curl.RunAsync(output, host.Directory, host.Url("/kernel"), "--head");

        var result = await Curl.RunAsync(output, host.Directory, host.Url("/kernel"), "-r", "0-9", "-H", "If-Range: " + first.Header("ETag"));

        Assert.Equal(206, result.Status);
        Assert.Equal(10, result.Body.Length);
    }

    [Fact]
    public async Task Missing_file_gives_404_and_a_journal_failure()
    {
        await using var host = HttpTestHost.Start(output);

        var result = await Curl.RunAsync(output, host.Directory, host.Url("/nothing/here.efi"));

        Assert.Equal(404, result.Status);
        var failed = await host.Journal.WaitForAsync(e => e.Step == BootStep.HttpFailed);
        Assert.Equal("404 not found", failed.Detail);
        Assert.Equal("/nothing/here.efi", failed.File);
        Assert.DoesNotContain(host.Root, Encoding.UTF8.GetString(result.Body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_files_are_text_plain()
    {
        await using var host = HttpTestHost.Start(output);
        await File.WriteAllTextAsync(Path.Combine(host.Root, "menu.ipxe"), "#!ipxe\necho hi\n");

        var result = await Curl.RunAsync(output, host.Directory, host.Url("/menu.ipxe"));

        Assert.Equal(200, result.Status);
        Assert.Equal("text/plain", result.Header("Content-Type"));
        Assert.Equal("#!ipxe\necho hi\n", Encoding.UTF8.GetString(result.Body));
    }

    [Fact]
    public async Task Post_gives_405_with_Allow()
    {
        await using var host = HttpTestHost.Start(output);
        host.CreateFile("kernel", 10);

        var result = await Curl.RunAsync(output, host.Directory, host.Url("/kernel"), "-X", "POST", "-d", "x");

        Assert.Equal(405, result.Status);
        Assert.Equal("GET, HEAD", result.Header("Allow"));
    }

    [Fact]
    public async Task Client_that_hangs_up_midway_is_journalled_with_the_bytes_sent()
    {
        await using var host = HttpTestHost.Start(output);
        host.CreateFile("big.img", 20 * 1024 * 1024);

        using (var client = new TcpClient())
        {
            await client.ConnectAsync(IPAddress.Loopback, host.Port);
            var stream = client.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes("GET /big.img HTTP/1.1\r\nHost: x\r\n\r\n"));
            var buffer = new byte[64 * 1024];
            var total = 0;
            while (total < buffer.Length)
            {
                var n = await stream.ReadAsync(buffer.AsMemory(total));
                Assert.NotEqual(0, n);
                total += n;
            }

            client.Client.LingerState = new LingerOption(true, 0); // RST: the client is gone, now.
        }

        var failed = await host.Journal.WaitForAsync(e => e.Step == BootStep.HttpFailed);
        Assert.StartsWith("client closed the connection after ", failed.Detail, StringComparison.Ordinal);
        Assert.InRange(failed.Bytes!.Value, 0, (20 * 1024 * 1024) - 1);
        Assert.DoesNotContain(host.Journal.Events, e => e.Step == BootStep.HttpComplete);
    }

    [Fact]
    public async Task File_that_shrinks_while_sent_cuts_the_connection_instead_of_padding_it()
    {
        await using var host = HttpTestHost.Start(output);
        host.CreateFile("big.img", 20 * 1024 * 1024);

        using var client = new TcpClient();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await client.ConnectAsync(IPAddress.Loopback, host.Port, cts.Token);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes("GET /big.img HTTP/1.1\r\nHost: x\r\n\r\n"), cts.Token);
        var buffer = new byte[64 * 1024];
        long total = await stream.ReadAsync(buffer, cts.Token);
        await File.WriteAllBytesAsync(Path.Combine(host.Root, "big.img"), []); // truncate under the server's feet
        try
        {
            int n;
            while ((n = await stream.ReadAsync(buffer, cts.Token)) > 0)
            {
                total += n;
            }
        }
        catch (IOException exception) when (exception.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionReset })
        {
            // Kestrel aborts with a reset: also a way to end short.
        }

        Assert.InRange(total, 1, 20 * 1024 * 1024); // headers plus less than the promised body
        var failed = await host.Journal.WaitForAsync(e => e.Step == BootStep.HttpFailed);
        Assert.StartsWith("file shrank while being sent", failed.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Twenty_concurrent_curl_downloads_are_all_byte_identical()
    {
        await using var host = HttpTestHost.Start(output);
        var expected = host.CreateFile("rootfs.img", 8 * 1024 * 1024, seed: 7);

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Curl.RunAsync(output, host.Directory, host.Url("/rootfs.img"))));

        Assert.All(results, result =>
        {
            Assert.Equal(200, result.Status);
            Assert.Equal(expected, TestFiles.Sha256(result.BodyPath));
        });
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (host.Journal.Events.Count(e => e.Step == BootStep.HttpComplete) < 20 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        var ends = host.Journal.Events.Where(e => e.Step is BootStep.HttpComplete or BootStep.HttpFailed).ToList();
        Assert.True(
            ends.Count(e => e.Step == BootStep.HttpComplete && e.Bytes == 8 * 1024 * 1024) == 20,
            "each download ends in one HttpComplete with the whole file; the ends journaled:" + Environment.NewLine
                + string.Join(Environment.NewLine, ends.Select(e => $"{e.Step} {e.Bytes} {e.Detail}")));
    }

    [Fact]
    public async Task Over_ipv6_curl_gets_a_file_byte_for_byte_and_the_journal_names_the_ipv6_client()
    {
        await using var host = HttpTestHost.Start(output, configure: o => o with { ListenAddress = IPAddress.IPv6Loopback });
        var expected = host.CreateFile("ipxe.efi", 1_000_003, seed: 6);

        var result = await Curl.RunAsync(output, host.Directory, $"http://[::1]:{host.Port}/ipxe.efi");

        Assert.Equal(200, result.Status);
        Assert.Equal(expected, TestFiles.Sha256(result.BodyPath));
        var done = await host.Journal.WaitForAsync(e => e.Step == BootStep.HttpComplete);
        Assert.Equal(("::1", 1_000_003L), (done.Address, done.Bytes));
    }

    [Fact]
    public async Task Cancellation_stops_the_server_and_frees_the_port()
    {
        var host = HttpTestHost.Start(output);
        await using (host)
        {
            host.CreateFile("kernel", 10);
            var port = host.Port;
            Assert.Equal(200, (await Curl.RunAsync(output, host.Directory, host.Url("/kernel"))).Status);

            var watch = Stopwatch.StartNew();
            await host.StopAsync();
            output.WriteLine($"stopped in {watch.ElapsedMilliseconds} ms");

            Assert.True(host.Run.IsCompletedSuccessfully);
            var after = await Curl.RunAsync(output, host.Directory, $"http://127.0.0.1:{port}/kernel");
            Assert.Equal(7, after.ExitCode); // curl: failed to connect.
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start(); // Throws if the port were still held.
        }
    }

    [Fact]
    public void Port_in_use_fails_at_start_with_a_clear_message()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port;

        var exception = Assert.ThrowsAny<IOException>(() => HttpTestHost.Start(output, configure: o => o with { Port = port }));

        Assert.Contains($"127.0.0.1:{port}", exception.Message, StringComparison.Ordinal);
        Assert.Contains("in use", exception.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Interface_lo_binds_to_its_IPv4_address()
    {
        await using var host = HttpTestHost.Start(output, configure: o => o with { ListenAddress = IPAddress.Any, Interface = "lo" });
        host.CreateFile("kernel", 10);

        Assert.Equal(IPAddress.Loopback, host.Server.LocalEndPoint!.Address);
        Assert.Equal(200, (await Curl.RunAsync(output, host.Directory, host.Url("/kernel"))).Status);
    }

    [Fact]
    public void Unknown_interface_fails_at_start()
    {
        var exception = Assert.ThrowsAny<IOException>(() => HttpTestHost.Start(output, configure: o => o with { ListenAddress = IPAddress.Any, Interface = "nosuchif0" }));

        Assert.Contains("nosuchif0", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_up_time_is_measured()
    {
        // Not an assertion on speed (CI machines vary), but bounded so a regression to seconds shows.
        var watch = Stopwatch.StartNew();
        await using var host = HttpTestHost.Start(output);
        var started = watch.ElapsedMilliseconds;
        output.WriteLine($"HttpBootServer constructed and bound in {started} ms");
        Assert.InRange(started, 0, 5000);
    }

    internal static async Task<string> RawRequestAsync(int port, string request)
    {
        using var client = new TcpClient();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await client.ConnectAsync(IPAddress.Loopback, port, cts.Token);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request), cts.Token);
        using var received = new MemoryStream();
        await stream.CopyToAsync(received, cts.Token);
        return Encoding.Latin1.GetString(received.ToArray());
    }
}
