using System.Security.Cryptography;

namespace PxeKit.Cli.Tests.Load;

/// <summary><c>pxekit load storm</c>: simulated PXE machines against a real <c>pxekit serve</c> (DHCP, TFTP, HTTP).</summary>
[Trait("Category", "Integration")]
public sealed class LoadStormTests : IAsyncLifetime
{
    private const int BootProgram = 64 * 1024;
    private const int Kernel = 1 << 20;
    private const int Initrd = 300 * 1024;
    private readonly string _root = Directory.CreateTempSubdirectory("pxekit-storm-").FullName;
    private LoadNetwork _net = null!;

    public async Task InitializeAsync()
    {
        await File.WriteAllBytesAsync(Path.Combine(_root, "boot.bin"), RandomNumberGenerator.GetBytes(BootProgram));
        await File.WriteAllBytesAsync(Path.Combine(_root, "vmlinuz"), RandomNumberGenerator.GetBytes(Kernel));
        await File.WriteAllBytesAsync(Path.Combine(_root, "initrd.gz"), RandomNumberGenerator.GetBytes(Initrd));
        _net = await LoadNetwork.CreateAsync();
    }

    public async Task DisposeAsync()
    {
        await _net.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    [HostFact]
    public async Task Every_simulated_machine_gets_an_address_its_boot_program_and_its_kernel()
    {
        await using var serve = await ServeProcess.StartAsync(_net.ServerNamespace,
            "--interface", _net.ServerInterface, "--root", _root, "--bootfile", "boot.bin", "--no-capture",
            "--dhcp-range", "10.73.0.100-10.73.0.199", "--lease-db", ":memory:", "--http-port", "8080");

        var result = await _net.LoadAsync("storm", "--server", LoadNetwork.ServerAddress, "--interface", _net.ClientInterface,
            "--clients", "12", "--http-port", "8080", "--duration-limit", "60");

        Assert.True(result.ExitCode == 0, result.All + serve.Error);
        Assert.Contains("kind=storm clients=12 failures=0 ", result.Output, StringComparison.Ordinal);
        Assert.Contains($"bytes={12L * (BootProgram + Kernel + Initrd)} ", result.Output, StringComparison.Ordinal);

        // Twelve machines, twelve MACs: twelve acknowledged leases, in the three architectures (option 93: 0 BIOS, 7 UEFI x64, 11 arm64).
        Assert.Equal(12, CountOf(serve.Output, "dhcp-ack"));
        foreach (var arch in new[] { "arch 0 (", "arch 7 (", "arch 11 (" })
        {
            Assert.Contains(arch, serve.Output, StringComparison.Ordinal);
        }
    }

    [HostFact]
    public async Task Machines_that_get_no_answer_are_counted_as_failed()
    {
        // No server at all on the other side: every DISCOVER goes unanswered.
        var result = await _net.LoadAsync("storm", "--server", LoadNetwork.ServerAddress, "--interface", _net.ClientInterface,
            "--clients", "3", "--duration-limit", "10");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("clients=3 failures=3 ", result.Output, StringComparison.Ordinal);
        Assert.Contains("dhcp: no OFFER", result.Output, StringComparison.Ordinal);
    }

    private static int CountOf(string text, string word)
    {
        var count = 0;
        for (var at = text.IndexOf(word, StringComparison.Ordinal); at >= 0; at = text.IndexOf(word, at + word.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
