using PxeKit.Core.Processes;
using PxeKit.Lab.Fixtures;

namespace PxeKit.Lab.Tests.Fixtures;

/// <summary>A cache built before the UEFI files existed is completed in place, without downloading anything.</summary>
public sealed class FixtureUpgradeTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("pxekit-fixture-upgrade-");

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public async Task A_bios_only_cache_gets_the_uefi_files_and_the_stamp_and_keeps_its_kernel()
    {
        var cache = Directory.CreateDirectory(Path.Combine(_root.FullName, "bios")).FullName;
        Directory.CreateDirectory(Path.Combine(cache, "pxelinux.cfg"));
        foreach (var file in BootFixture.Files)
        {
            await File.WriteAllTextAsync(Path.Combine(cache, file), "old " + file);
        }

        var builder = new FixtureBuilder(Options(cache), new RefusingRunner());
        Assert.False(builder.IsComplete());

        var upgraded = await builder.EnsureAsync();
        var again = await builder.EnsureAsync();

        Assert.True(upgraded.Rebuilt);
        Assert.False(again.Rebuilt);
        Assert.True(builder.IsComplete());
        Assert.Equal("old vmlinuz", await File.ReadAllTextAsync(Path.Combine(cache, BootFixture.Kernel)));
        Assert.Equal("source ipxe.efi", await File.ReadAllTextAsync(Path.Combine(cache, BootFixture.IpxeEfi)));
        Assert.Equal(BootFixture.IpxeScriptText, await File.ReadAllTextAsync(Path.Combine(cache, BootFixture.IpxeScript)));
        Assert.Equal("2", (await File.ReadAllTextAsync(Path.Combine(cache, BootFixture.StampFile))).Trim());
        Assert.All(upgraded.UefiFiles, f => Assert.True(File.Exists(f), f));
        Assert.Empty(Directory.GetFiles(cache, "*.tmp", SearchOption.AllDirectories));
    }

    private FixtureOptions Options(string cache)
    {
        var sources = Directory.CreateDirectory(Path.Combine(_root.FullName, "sources")).FullName;
        string Source(string name)
        {
            var path = Path.Combine(sources, name);
            File.WriteAllText(path, "source " + name);
            return path;
        }

        return new FixtureOptions
        {
            CacheDirectory = cache,
            PxelinuxPath = Source("pxelinux.0"),
            LdlinuxPath = Source("ldlinux.c32"),
            IpxeEfiPath = Source("ipxe.efi"),
            UndionlyPath = Source("undionly.kpxe"),
        };
    }

    /// <summary>Fails the test if the builder tries to run apt or dpkg.</summary>
    private sealed class RefusingRunner : ICommandRunner
    {
        public bool DryRun => false;

        public Task<CommandResult> RunAsync(Command command, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException($"The upgrade must not run commands: {command.ToShell()}");
    }
}
