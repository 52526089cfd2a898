using PxeKit.Core.Processes;
using PxeKit.Lab.Fixtures;
using PxeKit.Lab.Tests.Support;

namespace PxeKit.Lab.Tests.Fixtures;

/// <summary>Builds the real arm64 tree (downloads ~62 MB of arm64 packages from Debian's archive) into a temporary cache.</summary>
[Trait("Category", "Integration")]
public sealed class Arm64FixtureBuilderTests : IDisposable
{
    private readonly DirectoryInfo _parent = Directory.CreateTempSubdirectory("pxekit-arm64-fixture-test-");

    public void Dispose() => _parent.Delete(recursive: true);

    [HostFact(Root = false, Programs = ["apt-get", "grub-mkimage"])]
    public async Task Builds_the_arm64_tree_once_with_a_pe_grub_image_and_the_uncompressed_kernel()
    {
        RequiredProgram.Find("apt-get");
        RequiredProgram.Find("grub-mkimage");
        var cache = Path.Combine(_parent.FullName, "arm64");
        var progress = new StringWriter();
        var builder = new Arm64FixtureBuilder(new FixtureOptions { Arm64CacheDirectory = cache }, new ProcessCommandRunner(), progress);

        var built = await builder.EnsureAsync();
        var again = await builder.EnsureAsync();

        Assert.True(built.Rebuilt);
        Assert.False(again.Rebuilt);
        Assert.All(built.Files, f => Assert.True(new FileInfo(f).Length > 0, f));
        var grub = await File.ReadAllBytesAsync(built.GrubImagePath);
        Assert.Equal("MZ"u8.ToArray(), grub[..2]); // a PE/COFF EFI program
        var kernel = await File.ReadAllBytesAsync(Path.Combine(cache, Arm64BootFixture.Kernel));
        Assert.Equal("ARMd"u8.ToArray(), kernel[56..60]); // the arm64 Image header's magic (Documentation/arch/arm64/booting.rst)
        Assert.Contains("downloading the arm64 kernel", progress.ToString(), StringComparison.Ordinal);
        Assert.Equal(["arm64"], _parent.GetDirectories().Select(d => d.Name)); // no staging directory left
    }
}
