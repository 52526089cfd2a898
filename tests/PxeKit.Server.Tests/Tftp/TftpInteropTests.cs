using PxeKit.Core.Events;
using PxeKit.Server.Tests.Support;
using Xunit.Abstractions;

namespace PxeKit.Server.Tests.Tftp;

/// <summary>
/// The server against the real Debian clients (tftp-hpa, atftp, curl) on loopback. Files are compared
/// byte for byte by SHA-256. A missing client program fails the test: CI installs them.
/// </summary>
[Trait("Category", "Integration")]
public sealed class TftpInteropTests(ITestOutputHelper output)
{
    private static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(20);

    [HostFact(Root = false, Programs = ["tftp"], Unit = true)]
    public async Task TftpHpa_gets_a_file_byte_for_byte()
    {
        await using var host = TftpTestHost.Start(output);
        var expected = host.CreateFile("boot/pxelinux.0", 300_001);
        var target = Path.Combine(host.Root.Path, "out.bin");

        await ExternalProgram.RunAsync(output, "tftp", $"127.0.0.1 {host.Port} -m binary -c get boot/pxelinux.0 {target}", ClientTimeout);

        Assert.Equal(expected, TestFiles.Sha256(target));
        var done = await host.WaitForEventAsync(e => e.Step == BootStep.TftpComplete);
        Assert.Equal("boot/pxelinux.0", done.File);
        Assert.Equal(300_001, done.Bytes);
        Assert.Equal("127.0.0.1", done.Address);
        Assert.Contains(host.Journal.Events, e => e.Step == BootStep.TftpRequest && e.File == "boot/pxelinux.0");
    }

    [HostFact(Root = false, Programs = ["tftp"], Unit = true)]
    public async Task TftpHpa_gets_an_exact_multiple_of_the_block_size()
    {
        // 512 * 8 bytes: the transfer must end with an empty DATA 9.
        await using var host = TftpTestHost.Start(output);
        var expected = host.CreateFile("exact.bin", 512 * 8);
        var target = Path.Combine(host.Root.Path, "out.bin");

        await ExternalProgram.RunAsync(output, "tftp", $"127.0.0.1 {host.Port} -m binary -c get exact.bin {target}", ClientTimeout);

        Assert.Equal(expected, TestFiles.Sha256(target));
    }

    [HostFact(Root = false, Programs = ["tftp"], Unit = true)]
    public async Task TftpHpa_gets_an_empty_file()
    {
        await using var host = TftpTestHost.Start(output);
        var expected = host.CreateFile("empty", 0);
        var target = Path.Combine(host.Root.Path, "out.bin");

        await ExternalProgram.RunAsync(output, "tftp", $"127.0.0.1 {host.Port} -m binary -c get empty {target}", ClientTimeout);

        Assert.Equal(expected, TestFiles.Sha256(target));
        Assert.Equal(0, (await host.WaitForEventAsync(e => e.Step == BootStep.TftpComplete)).Bytes);
    }

    [HostFact(Root = false, Programs = ["tftp"], Unit = true)]
    public async Task TftpHpa_netascii_round_trips_a_text_file()
    {
        await using var host = TftpTestHost.Start(output);
        var text = "default menu\nlabel linux\n  kernel vmlinuz\r\n  append quiet\n";
        await File.WriteAllTextAsync(Path.Combine(host.Root.Path, "pxelinux.cfg"), text);
        var target = Path.Combine(host.Root.Path, "out.txt");

        await ExternalProgram.RunAsync(output, "tftp", $"127.0.0.1 {host.Port} -m ascii -c get pxelinux.cfg {target}", ClientTimeout);

        // The client turns CR LF back into LF and CR NUL back into CR: the text arrives unchanged.
        Assert.Equal(text, await File.ReadAllTextAsync(target));
    }

    [HostFact(Root = false, Programs = ["tftp"], Unit = true)]
    public async Task TftpHpa_missing_file_is_error_1_and_refused_in_the_journal()
    {
        await using var host = TftpTestHost.Start(output);
        var target = Path.Combine(host.Root.Path, "out.bin");

        var (_, text) = await ExternalProgram.RunAsync(output, "tftp", $"127.0.0.1 {host.Port} -m binary -c get nothing-here {target}", ClientTimeout);

        Assert.Contains("Error code 1", text, StringComparison.Ordinal);
        var refused = await host.WaitForEventAsync(e => e.Step == BootStep.TftpRefused);
        Assert.Equal("nothing-here", refused.File);
        Assert.Equal("file not found", refused.Detail);
    }

    [HostFact(Root = false, Programs = ["tftp"], Unit = true)]
    public async Task TftpHpa_leading_slash_is_read_under_the_root_not_from_the_host()
    {
        // Decision: "/etc/passwd" means ROOT/etc/passwd (as tftpd-hpa --secure and dnsmasq read it).
        await using var host = TftpTestHost.Start(output);
        var target = Path.Combine(host.Root.Path, "out.txt");

        var (_, text) = await ExternalProgram.RunAsync(output, "tftp", $"127.0.0.1 {host.Port} -m binary -c get /etc/passwd {target}", ClientTimeout);

        Assert.Contains("Error code 1", text, StringComparison.Ordinal); // the host's /etc/passwd is not reached
        Directory.CreateDirectory(Path.Combine(host.Root.Path, "etc"));
        await File.WriteAllTextAsync(Path.Combine(host.Root.Path, "etc", "passwd"), "the root's own passwd\n");

        await ExternalProgram.RunAsync(output, "tftp", $"127.0.0.1 {host.Port} -m binary -c get /etc/passwd {target}", ClientTimeout);

        Assert.Equal("the root's own passwd\n", await File.ReadAllTextAsync(target));
        var done = await host.WaitForEventAsync(e => e.Step == BootStep.TftpComplete);
        Assert.Equal("/etc/passwd", done.File);
    }

    [HostFact(Root = false, Programs = ["atftp"], Unit = true)]
    public async Task Atftp_gets_a_file_with_blksize_1468_and_tsize()
    {
        await using var host = TftpTestHost.Start(output);
        var expected = host.CreateFile("vmlinuz", 2_000_003);
        var target = Path.Combine(host.Root.Path, "out.bin");

        await ExternalProgram.RunAsync(output, "atftp", $"--option \"blksize 1468\" --option \"tsize 0\" -g -r vmlinuz -l {target} 127.0.0.1 {host.Port}", ClientTimeout);

        Assert.Equal(expected, TestFiles.Sha256(target));
        var done = await host.WaitForEventAsync(e => e.Step == BootStep.TftpComplete);
        Assert.Contains("blksize=1468", done.Detail, StringComparison.Ordinal);
        Assert.Contains("tsize=2000003", done.Detail, StringComparison.Ordinal);
    }

    [HostFact(Root = false, Programs = ["atftp"], Unit = true)]
    public async Task Atftp_gets_a_file_with_windowsize_8()
    {
        await using var host = TftpTestHost.Start(output);
        var expected = host.CreateFile("initrd.img", 3_000_017);
        var target = Path.Combine(host.Root.Path, "out.bin");

        await ExternalProgram.RunAsync(output, "atftp", $"--option \"windowsize 8\" --option \"blksize 1428\" -g -r initrd.img -l {target} 127.0.0.1 {host.Port}", ClientTimeout);

        Assert.Equal(expected, TestFiles.Sha256(target));
        var done = await host.WaitForEventAsync(e => e.Step == BootStep.TftpComplete);
        Assert.Contains("windowsize=8", done.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Curl_gets_a_file()
    {
        await using var host = TftpTestHost.Start(output);
        var expected = host.CreateFile("grubx64.efi", 1_234_567);
        var target = Path.Combine(host.Root.Path, "out.bin");

        await ExternalProgram.RunAsync(output, "curl", $"-s -S tftp://127.0.0.1:{host.Port}/grubx64.efi -o {target}", ClientTimeout);

        Assert.Equal(expected, TestFiles.Sha256(target));
    }

    [Fact]
    public async Task Curl_gets_a_file_past_block_65535_with_512_byte_blocks()
    {
        // 65537 full blocks and a partial one: block numbers go 65535, 0, 1, 2 on the wire.
        await using var host = TftpTestHost.Start(output);
        const long size = (65_537L * 512) + 100;
        var expected = host.CreateFile("big.img", size);
        var target = Path.Combine(host.Root.Path, "out.bin");

        await ExternalProgram.RunAsync(output, "curl", $"-s -S --tftp-blksize 512 tftp://127.0.0.1:{host.Port}/big.img -o {target}", TimeSpan.FromSeconds(60));

        Assert.Equal(size, new FileInfo(target).Length);
        Assert.Equal(expected, TestFiles.Sha256(target));
        Assert.Equal(size, (await host.WaitForEventAsync(e => e.Step == BootStep.TftpComplete)).Bytes);
    }

    [Fact]
    public async Task Twenty_curl_clients_at_once_all_get_their_file()
    {
        await using var host = TftpTestHost.Start(output);
        var expected = host.CreateFile("shared.bin", 500_000);
        var downloads = Enumerable.Range(0, 20).Select(async i =>
        {
            var target = Path.Combine(host.Root.Path, $"out{i}.bin");
            await ExternalProgram.RunAsync(output, "curl", $"-s -S --tftp-blksize 1468 tftp://127.0.0.1:{host.Port}/shared.bin -o {target}", ClientTimeout);
            return TestFiles.Sha256(target);
        });

        var hashes = await Task.WhenAll(downloads);

        Assert.All(hashes, hash => Assert.Equal(expected, hash));
    }
}
