using PxeKit.Core.Processes;
using PxeKit.Lab.Fixtures;

namespace PxeKit.Lab.Tests.Fixtures;

/// <summary>
/// A cache built before the UEFI files existed is completed in place: the kernel is kept, and only the Secure Boot chain's
/// two small packages are downloaded (apt-get and dpkg stand-ins that write what the packages hold).
/// </summary>
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

        var runner = new PackageRunner();
        var builder = new FixtureBuilder(Options(cache), runner);
        Assert.False(builder.IsComplete());

        var upgraded = await builder.EnsureAsync();
        var again = await builder.EnsureAsync();

        Assert.True(upgraded.Rebuilt);
        Assert.False(again.Rebuilt);
        Assert.True(builder.IsComplete());
        Assert.Equal("old vmlinuz", await File.ReadAllTextAsync(Path.Combine(cache, BootFixture.Kernel)));
        Assert.Equal("source ipxe.efi", await File.ReadAllTextAsync(Path.Combine(cache, BootFixture.IpxeEfi)));
        Assert.Equal(BootFixture.IpxeScriptText, await File.ReadAllTextAsync(Path.Combine(cache, BootFixture.IpxeScript)));
        Assert.Equal("3", (await File.ReadAllTextAsync(Path.Combine(cache, BootFixture.StampFile))).Trim());
        Assert.All(upgraded.UefiFiles, f => Assert.True(File.Exists(f), f));
        Assert.Equal("package usr/lib/shim/shimx64.efi.signed", await File.ReadAllTextAsync(Path.Combine(cache, BootFixture.Shim)));
        Assert.Equal("package usr/lib/grub/x86_64-efi-signed/grubnetx64.efi.signed", await File.ReadAllTextAsync(Path.Combine(cache, BootFixture.Grub)));
        Assert.Equal(["shim-signed", "grub-efi-amd64-signed"], runner.Downloaded);
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

    /// <summary>
    /// Stands in for <c>apt-get download</c> (a .deb named as apt names it) and <c>dpkg -x</c> (the one file the builder takes
    /// from each package); any other command fails the test: the kernel is never downloaded again.
    /// </summary>
    private sealed class PackageRunner : ICommandRunner
    {
        private static readonly Dictionary<string, string> Contents = new(StringComparer.Ordinal)
        {
            ["shim-signed"] = "usr/lib/shim/shimx64.efi.signed",
            ["grub-efi-amd64-signed"] = "usr/lib/grub/x86_64-efi-signed/grubnetx64.efi.signed",
        };

        public List<string> Downloaded { get; } = [];

        public bool DryRun => false;

        public Task<CommandResult> RunAsync(Command command, CancellationToken cancellationToken = default)
        {
            var arguments = command.Arguments;
            if (command.FileName == "apt-get" && arguments is ["download", "-q", var package] && Contents.ContainsKey(package))
            {
                Downloaded.Add(package);
                File.WriteAllText(Path.Combine(command.WorkingDirectory!, $"{package}_1_amd64.deb"), package);
            }
            else if (command.FileName == "dpkg" && arguments is ["-x", var deb, var into])
            {
                var inside = Contents[File.ReadAllText(deb)];
                Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(into, inside))!);
                File.WriteAllText(Path.Combine(into, inside), "package " + inside);
            }
            else
            {
                throw new InvalidOperationException($"The upgrade must run no other command: {command.ToShell()}");
            }

            return Task.FromResult(new CommandResult(command, 0, "", ""));
        }
    }
}
