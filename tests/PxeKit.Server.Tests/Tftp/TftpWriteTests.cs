using PxeKit.Core.Events;
using PxeKit.Protocol.Tftp;
using PxeKit.Server.Files;
using PxeKit.Server.Tests.Support;
using Xunit.Abstractions;

namespace PxeKit.Server.Tests.Tftp;

/// <summary>
/// Uploads (WRQ) with the real Debian clients and a hand-driven peer on loopback: stored byte for byte,
/// never over an existing file, never outside the root, and nothing left behind when an upload breaks.
/// </summary>
[Trait("Category", "Integration")]
public sealed class TftpWriteTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(20);
    private readonly TempDirectory _sources = new();

    [HostFact(Root = false, Programs = ["tftp"], Unit = true)]
    public async Task TftpHpa_puts_a_file_byte_for_byte()
    {
        await using var host = StartWritable();
        var source = Source("vmlinuz", 300_001, out var expected);

        await ExternalProgram.RunAsync(output, "tftp", $"127.0.0.1 {host.Port} -m binary -c put {source} vmlinuz", ClientTimeout);

        Assert.Equal(expected, TestFiles.Sha256(Path.Combine(host.Root.Path, "vmlinuz")));
        var done = await host.WaitForEventAsync(e => e.Step == BootStep.TftpComplete);
        Assert.Equal("vmlinuz", done.File);
        Assert.Equal(300_001, done.Bytes);
        Assert.True(done.Elapsed > TimeSpan.Zero);
        Assert.Contains(host.Journal.Events, e => e.Step == BootStep.TftpRequest && e.Detail == "write Octet");
        AssertOnlyEntries(host, "vmlinuz");
    }

    [HostFact(Root = false, Programs = ["tftp"], Unit = true)]
    public async Task TftpHpa_puts_an_exact_multiple_of_the_block_size_and_an_empty_file()
    {
        await using var host = StartWritable();
        var exact = Source("exact", 512 * 8, out var exactHash);
        var empty = Source("empty", 0, out var emptyHash);

        await ExternalProgram.RunAsync(output, "tftp", $"127.0.0.1 {host.Port} -m binary -c put {exact} exact", ClientTimeout);
        await ExternalProgram.RunAsync(output, "tftp", $"127.0.0.1 {host.Port} -m binary -c put {empty} empty", ClientTimeout);

        Assert.Equal(exactHash, TestFiles.Sha256(Path.Combine(host.Root.Path, "exact")));
        Assert.Equal(emptyHash, TestFiles.Sha256(Path.Combine(host.Root.Path, "empty")));
    }

    [HostFact(Root = false, Programs = ["tftp"], Unit = true)]
    public async Task TftpHpa_puts_netascii_text_unchanged()
    {
        await using var host = StartWritable();
        var text = "default menu\nlabel linux\n  kernel vmlinuz\r\n  append quiet\n";
        var source = Path.Combine(_sources.Path, "pxelinux.cfg");
        await File.WriteAllTextAsync(source, text);

        await ExternalProgram.RunAsync(output, "tftp", $"127.0.0.1 {host.Port} -m ascii -c put {source} pxelinux.cfg", ClientTimeout);

        Assert.Equal(text, await File.ReadAllTextAsync(Path.Combine(host.Root.Path, "pxelinux.cfg")));
    }

    [HostFact(Root = false, Programs = ["atftp"], Unit = true)]
    public async Task Atftp_puts_a_file_into_a_subdirectory()
    {
        await using var host = StartWritable();
        Directory.CreateDirectory(Path.Combine(host.Root.Path, "uploads"));
        var source = Source("initrd.img", 1_000_003, out var expected);

        await ExternalProgram.RunAsync(output, "atftp", $"-p -l {source} -r uploads/initrd.img 127.0.0.1 {host.Port}", ClientTimeout);

        Assert.Equal(expected, TestFiles.Sha256(Path.Combine(host.Root.Path, "uploads", "initrd.img")));
    }

    [HostFact(Root = false, Programs = ["atftp"], Unit = true)]
    public async Task Atftp_puts_a_file_with_blksize_1468()
    {
        await using var host = StartWritable();
        var source = Source("grubx64.efi", 2_000_003, out var expected);

        await ExternalProgram.RunAsync(output, "atftp", $"--option \"blksize 1468\" -p -l {source} -r grubx64.efi 127.0.0.1 {host.Port}", ClientTimeout);

        Assert.Equal(expected, TestFiles.Sha256(Path.Combine(host.Root.Path, "grubx64.efi")));
        var done = await host.WaitForEventAsync(e => e.Step == BootStep.TftpComplete);
        Assert.Contains("blksize=1468", done.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Curl_puts_a_file()
    {
        await using var host = StartWritable();
        var source = Source("shim.efi", 1_234_567, out var expected);

        await ExternalProgram.RunAsync(output, "curl", $"-s -S -T {source} tftp://127.0.0.1:{host.Port}/shim.efi", ClientTimeout);

        Assert.Equal(expected, TestFiles.Sha256(Path.Combine(host.Root.Path, "shim.efi")));
        var done = await host.WaitForEventAsync(e => e.Step == BootStep.TftpComplete);
        Assert.Equal(1_234_567, done.Bytes);
    }

    [Fact]
    public async Task Curl_puts_a_file_past_block_65535_with_512_byte_blocks()
    {
        // 65537 full blocks and a partial one: block numbers go 65535, 0, 1, 2 on the wire.
        await using var host = StartWritable(o => o with { MaxWriteSize = 40L * 1024 * 1024 });
        const long size = (65_537L * 512) + 100;
        var source = Source("big.img", size, out var expected);

        await ExternalProgram.RunAsync(output, "curl", $"-s -S --tftp-blksize 512 -T {source} tftp://127.0.0.1:{host.Port}/big.img", TimeSpan.FromSeconds(60));

        var stored = Path.Combine(host.Root.Path, "big.img");
        Assert.Equal(size, new FileInfo(stored).Length);
        Assert.Equal(expected, TestFiles.Sha256(stored));
        Assert.Equal(size, (await host.WaitForEventAsync(e => e.Step == BootStep.TftpComplete)).Bytes);
    }

    [HostFact(Root = false, Programs = ["tftp", "curl"], Unit = true)]
    public async Task A_put_onto_an_existing_file_is_error_6_and_the_file_is_unchanged()
    {
        await using var host = StartWritable();
        var existing = host.CreateFile("pxelinux.0", 5000, seed: 7);
        var source = Source("other", 1000, out _);

        var (_, text) = await ExternalProgram.RunAsync(output, "tftp", $"127.0.0.1 {host.Port} -m binary -c put {source} pxelinux.0", ClientTimeout);
        await ExternalProgram.RunAsync(output, "curl", $"-s -S -T {source} tftp://127.0.0.1:{host.Port}/pxelinux.0", ClientTimeout);

        Assert.Contains("Error code 6", text, StringComparison.Ordinal);
        Assert.Equal(existing, TestFiles.Sha256(Path.Combine(host.Root.Path, "pxelinux.0")));
        var refused = await host.WaitForEventAsync(e => e.Step == BootStep.TftpRefused);
        Assert.Equal("file already exists", refused.Detail);
        AssertOnlyEntries(host, "pxelinux.0");
    }

    [HostFact(Root = false, Programs = ["tftp"], Unit = true)]
    public async Task A_put_outside_the_root_is_error_2_and_into_a_missing_directory_error_1()
    {
        await using var host = StartWritable();
        var source = Source("payload", 1000, out _);
        var escape = $"pxekit-escape-{Guid.NewGuid():N}";

        var (_, up) = await ExternalProgram.RunAsync(output, "tftp", $"127.0.0.1 {host.Port} -m binary -c put {source} ../{escape}", ClientTimeout);
        var (_, missing) = await ExternalProgram.RunAsync(output, "tftp", $"127.0.0.1 {host.Port} -m binary -c put {source} no-such-dir/payload", ClientTimeout);

        Assert.Contains("Error code 2", up, StringComparison.Ordinal);
        Assert.Contains("Error code 1", missing, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(host.Root.Path)!, escape)));
        Assert.False(Directory.Exists(Path.Combine(host.Root.Path, "no-such-dir")));
        AssertOnlyEntries(host);
    }

    [HostFact(Root = false, Programs = ["tftp"], Unit = true)]
    public async Task TftpHpa_put_is_refused_with_error_2_when_writes_are_disabled()
    {
        await using var host = TftpTestHost.Start(output);
        var source = Source("upload.bin", 1000, out _);

        var (_, text) = await ExternalProgram.RunAsync(output, "tftp", $"127.0.0.1 {host.Port} -m binary -c put {source} uploaded.bin", ClientTimeout);

        Assert.Contains("Error code 2", text, StringComparison.Ordinal);
        Assert.Contains("writes are disabled", text, StringComparison.Ordinal);
        AssertOnlyEntries(host);
    }

    [Fact]
    public async Task An_announced_size_above_the_limit_is_error_3()
    {
        await using var host = StartWritable(o => o with { MaxWriteSize = 1000 });
        using var client = new RawTftpClient();

        await client.SendWriteRequestAsync(host.EndPoint, "big.iso"u8.ToArray(), Option("tsize", "1001"));
        var message = await client.ExpectErrorAsync(TftpErrorCode.DiskFull);

        Assert.StartsWith("disk full or allocation exceeded", message, StringComparison.Ordinal);
        AssertOnlyEntries(host);
    }

    [HostFact(Root = false, Programs = ["tftp"], Unit = true)]
    public async Task An_upload_growing_past_the_limit_is_error_3_and_leaves_nothing()
    {
        await using var host = StartWritable(o => o with { MaxWriteSize = 1000 });
        var source = Source("grows", 2000, out _);

        var (_, text) = await ExternalProgram.RunAsync(output, "tftp", $"127.0.0.1 {host.Port} -m binary -c put {source} grows", ClientTimeout);

        Assert.Contains("Error code 3", text, StringComparison.Ordinal);
        var failed = await host.WaitForEventAsync(e => e.Step == BootStep.TftpFailed);
        Assert.Contains("limit of 1000 bytes", failed.Detail, StringComparison.Ordinal);
        AssertOnlyEntries(host);
    }

    [Fact]
    public async Task Options_are_acknowledged_repeated_blocks_are_acknowledged_again_and_the_file_appears_at_the_end()
    {
        await using var host = StartWritable(o => o with { DefaultTimeout = TimeSpan.FromSeconds(5) });
        using var client = new RawTftpClient();
        var block1 = new byte[16];
        Array.Fill(block1, (byte)'a');

        await client.SendWriteRequestAsync(host.EndPoint, "cfg/new.cfg"u8.ToArray(), Option("blksize", "16"), Option("tsize", "20"), Option("windowsize", "4"));
        // The directory does not exist: ERROR 1.
        await client.ExpectErrorAsync(TftpErrorCode.FileNotFound);
        Directory.CreateDirectory(Path.Combine(host.Root.Path, "cfg"));

        await client.SendWriteRequestAsync(host.EndPoint, "/cfg/new.cfg"u8.ToArray(), Option("blksize", "16"), Option("tsize", "20"), Option("windowsize", "4")); // leading slash: under the root
        var oack = await client.ExpectAsync(TftpOpcode.OptionAck);
        TftpPacket.TryParse(oack.Buffer, out var packet);
        var options = packet.GetRequestOptions();
        Assert.Equal(16, options.BlockSize);
        Assert.Equal(20, options.TransferSize); // the announced size, echoed
        Assert.Null(options.WindowSize); // uploads run in lock-step
        var server = oack.RemoteEndPoint;

        await client.SendDataAsync(server, 1, block1);
        await client.ExpectAckAsync(1);
        await client.SendDataAsync(server, 1, block1); // our ACK was "lost": the block comes again
        await client.ExpectAckAsync(1);
        await client.SendDataAsync(server, 7, block1); // a stray block is ignored
        Assert.Null(await client.ReceiveAsync(TimeSpan.FromMilliseconds(200)));

        var target = Path.Combine(host.Root.Path, "cfg", "new.cfg");
        Assert.False(File.Exists(target));
        Assert.Single(Directory.GetFiles(Path.Combine(host.Root.Path, "cfg"), "*" + PartialFile.Marker + "*"));

        await client.SendDataAsync(server, 2, "tail"u8);
        await client.ExpectAckAsync(2);
        Assert.Equal(new string('a', 16) + "tail", await File.ReadAllTextAsync(target));
        Assert.Equal(["new.cfg"], Directory.GetFileSystemEntries(Path.Combine(host.Root.Path, "cfg")).Select(Path.GetFileName));

        // The final ACK was "lost" too: the last block comes again and is acknowledged again.
        await client.SendDataAsync(server, 2, "tail"u8);
        await client.ExpectAckAsync(2);
        Assert.Equal(20, (await host.WaitForEventAsync(e => e.Step == BootStep.TftpComplete)).Bytes);
    }

    [Fact]
    public async Task Without_options_ack_0_starts_and_is_sent_again_when_nothing_comes()
    {
        await using var host = StartWritable(o => o with { DefaultTimeout = TimeSpan.FromMilliseconds(300) });
        using var client = new RawTftpClient();

        await client.SendWriteRequestAsync(host.EndPoint, "x.bin"u8.ToArray());
        var server = await client.ExpectAckAsync(0);
        Assert.Equal(server, await client.ExpectAckAsync(0, TimeSpan.FromSeconds(2)));

        await client.SendDataAsync(server, 1, "short"u8);
        await client.ExpectAckAsync(1);
        Assert.Equal("short", await File.ReadAllTextAsync(Path.Combine(host.Root.Path, "x.bin")));
    }

    [Fact]
    public async Task A_client_that_stops_mid_upload_leaves_no_file_and_no_partial_file()
    {
        await using var host = StartWritable(o => o with { DefaultTimeout = TimeSpan.FromMilliseconds(200), MaxRetries = 2 });
        using var client = new RawTftpClient();

        await client.SendWriteRequestAsync(host.EndPoint, "kernel"u8.ToArray());
        var server = await client.ExpectAckAsync(0);
        await client.SendDataAsync(server, 1, new byte[512]);
        await client.ExpectAckAsync(1);
        Assert.Single(Directory.GetFileSystemEntries(host.Root.Path)); // the hidden partial file

        // Silence from here on: ACK 1 is repeated with backoff, then the server gives up.
        var failed = await host.WaitForEventAsync(e => e.Step == BootStep.TftpFailed);

        Assert.Contains("no DATA block 2 after 2 retransmissions", failed.Detail, StringComparison.Ordinal);
        await WaitForNoTransfersAsync(host);
        AssertOnlyEntries(host);
    }

    [Fact]
    public async Task A_client_error_mid_upload_leaves_nothing()
    {
        await using var host = StartWritable();
        using var client = new RawTftpClient();

        await client.SendWriteRequestAsync(host.EndPoint, "kernel"u8.ToArray());
        var server = await client.ExpectAckAsync(0);
        await client.SendDataAsync(server, 1, new byte[512]);
        await client.ExpectAckAsync(1);
        await client.SendErrorAsync(server, TftpErrorCode.NotDefined, "user cancelled");

        var failed = await host.WaitForEventAsync(e => e.Step == BootStep.TftpFailed);
        Assert.Contains("user cancelled", failed.Detail, StringComparison.Ordinal);
        await WaitForNoTransfersAsync(host);
        AssertOnlyEntries(host);
    }

    [Fact]
    public async Task Stopping_the_server_mid_upload_leaves_nothing()
    {
        await using var host = StartWritable(o => o with { DefaultTimeout = TimeSpan.FromSeconds(5) });
        using var client = new RawTftpClient();
        await client.SendWriteRequestAsync(host.EndPoint, "kernel"u8.ToArray());
        var server = await client.ExpectAckAsync(0);
        await client.SendDataAsync(server, 1, new byte[512]);
        await client.ExpectAckAsync(1);
        Assert.Single(Directory.GetFileSystemEntries(host.Root.Path)); // the hidden partial file

        await host.StopAsync().WaitAsync(TimeSpan.FromSeconds(5));

        AssertOnlyEntries(host);
        Assert.Contains(host.Journal.Events, e => e.Step == BootStep.TftpFailed && e.Detail == "server stopping");
    }

    public void Dispose() => _sources.Dispose();

    private static void AssertOnlyEntries(TftpTestHost host, params string[] names) =>
        Assert.Equal(names.Order(StringComparer.Ordinal), Directory.GetFileSystemEntries(host.Root.Path).Select(p => Path.GetFileName(p)!).Order(StringComparer.Ordinal));

    private static async Task WaitForNoTransfersAsync(TftpTestHost host)
    {
        for (var i = 0; i < 100 && host.Server.ActiveTransfers > 0; i++)
        {
            await Task.Delay(20);
        }

        Assert.Equal(0, host.Server.ActiveTransfers);
    }

    private TftpTestHost StartWritable(Func<PxeKit.Server.Tftp.TftpServerOptions, PxeKit.Server.Tftp.TftpServerOptions>? configure = null) =>
        TftpTestHost.Start(output, o => configure?.Invoke(o with { AllowWrite = true }) ?? (o with { AllowWrite = true }));

    private static KeyValuePair<string, string> Option(string name, string value) => new(name, value);

    private string Source(string name, long length, out string sha256)
    {
        var path = Path.Combine(_sources.Path, name);
        sha256 = TestFiles.WriteRandom(path, length, seed: name.Length);
        return path;
    }
}
