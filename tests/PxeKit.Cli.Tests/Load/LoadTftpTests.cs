using System.Security.Cryptography;

namespace PxeKit.Cli.Tests.Load;

/// <summary><c>pxekit load tftp</c> against a real <c>pxekit serve</c>, tftpd-hpa and atftpd, in namespaces of its own.</summary>
[Trait("Category", "Integration")]
public sealed class LoadTftpTests : IAsyncLifetime
{
    private const string AtftpdPath = "/var/cache/pxekit/atftpd/usr/sbin/atftpd";
    private readonly string _root = Directory.CreateTempSubdirectory("pxekit-load-").FullName;
    private string _sha256 = "";
    private LoadNetwork _net = null!;

    public async Task InitializeAsync()
    {
        // 3 MiB and 7 bytes: not a whole number of blocks at any block size the tests use.
        var content = RandomNumberGenerator.GetBytes((3 << 20) + 7);
        await File.WriteAllBytesAsync(Path.Combine(_root, "payload.bin"), content);
        _sha256 = Convert.ToHexStringLower(SHA256.HashData(content));
        File.SetUnixFileMode(_root, (UnixFileMode)0b111_101_101);
        _net = await LoadNetwork.CreateAsync();
    }

    public async Task DisposeAsync()
    {
        await _net.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    // ServeProcess waits for the DHCP listener too: give it a range of its own, in memory.
    private Task<ServeProcess> StartServeAsync() => ServeProcess.StartAsync(_net.ServerNamespace,
        "--interface", _net.ServerInterface, "--root", _root, "--no-capture", "--http-port", "0",
        "--dhcp-range", "10.73.0.100-10.73.0.110", "--lease-db", ":memory:");

    [HostTheory]
    [InlineData("512", "1")]
    [InlineData("1468", "16")]
    [InlineData("65464", "4")]
    public async Task Downloads_from_pxekit_serve_arrive_whole_with_the_file_hash(string blksize, string window)
    {
        await using var serve = await StartServeAsync();

        var result = await _net.LoadAsync("tftp", "--server", LoadNetwork.ServerAddress, "--file", "payload.bin",
            "--blksize", blksize, "--windowsize", window, "--clients", "4", "--sha256", _sha256, "--duration-limit", "60");

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains($"clients=4 failures=0 ", result.Output, StringComparison.Ordinal);
        Assert.Contains($"bytes={4 * ((3 << 20) + 7)} ", result.Output, StringComparison.Ordinal);
        Assert.Contains($"sha256={_sha256}", result.Output, StringComparison.Ordinal);
        if (window != "1")
        {
            Assert.Contains($"windowsize={window}", serve.Error + serve.Output, StringComparison.Ordinal);
        }
    }

    [HostFact]
    public async Task A_wrong_expected_hash_counts_every_download_as_failed()
    {
        await using var serve = await StartServeAsync();

        var result = await _net.LoadAsync("tftp", "--server", LoadNetwork.ServerAddress, "--file", "payload.bin",
            "--clients", "2", "--sha256", new string('0', 64), "--duration-limit", "60");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("clients=2 failures=2 ", result.Output, StringComparison.Ordinal);
    }

    [HostFact]
    public async Task A_missing_file_is_a_failure_with_the_servers_error()
    {
        await using var serve = await StartServeAsync();

        var result = await _net.LoadAsync("tftp", "--server", LoadNetwork.ServerAddress, "--file", "absent.bin", "--duration-limit", "20");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("server ERROR 1", result.Output, StringComparison.Ordinal);
    }

    [HostTheory]
    [InlineData("512")]
    [InlineData("1468")]
    public async Task Lock_step_downloads_from_tftpd_hpa_arrive_whole(string blksize)
    {
        using var server = await AnchorServer.StartAsync(_net.ServerNamespace, "/usr/sbin/in.tftpd",
            "-L", "-s", "-a", LoadNetwork.ServerAddress + ":69", "-u", "root", _root);

        var result = await _net.LoadAsync("tftp", "--server", LoadNetwork.ServerAddress, "--file", "payload.bin",
            "--blksize", blksize, "--clients", "3", "--sha256", _sha256, "--duration-limit", "60");

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("clients=3 failures=0 ", result.Output, StringComparison.Ordinal);
    }

    [HostFact]
    public async Task Windowed_downloads_from_atftpd_arrive_whole()
    {
        using var server = await AnchorServer.StartAsync(_net.ServerNamespace, AtftpdPath,
            "--daemon", "--no-fork", "--user", "root", "--group", "root", "--logfile", "/dev/null",
            "--bind-address", LoadNetwork.ServerAddress, "--port", "69", _root);

        var result = await _net.LoadAsync("tftp", "--server", LoadNetwork.ServerAddress, "--file", "payload.bin",
            "--blksize", "1468", "--windowsize", "8", "--clients", "3", "--sha256", _sha256, "--duration-limit", "60");

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("clients=3 failures=0 ", result.Output, StringComparison.Ordinal);
    }
}
