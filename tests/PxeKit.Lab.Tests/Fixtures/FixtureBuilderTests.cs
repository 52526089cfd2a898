using PxeKit.Core.Events;
using PxeKit.Core.Files;
using PxeKit.Core.Processes;
using PxeKit.Lab.Fixtures;
using PxeKit.Lab.Tests.Support;

namespace PxeKit.Lab.Tests.Fixtures;

/// <summary>Builds the real tree (downloads a kernel, ~70 MB, from Debian's archive) into a temporary cache.</summary>
[Trait("Category", "Integration")]
public sealed class FixtureBuilderTests : IDisposable
{
    private readonly DirectoryInfo _parent = Directory.CreateTempSubdirectory("pxekit-fixture-test-");

    public void Dispose() => _parent.Delete(recursive: true);

    [HostFact(Root = false, Programs = ["apt-get", "dpkg", "grub-mkimage"])]
    public async Task Builds_the_tree_once_then_reuses_it_and_rebuilds_what_went_missing()
    {
        RequiredProgram.Find("apt-get");
        RequiredProgram.Find("dpkg");
        var cache = Path.Combine(_parent.FullName, "bios");
        var builder = new FixtureBuilder(new FixtureOptions { CacheDirectory = cache }, new ProcessCommandRunner());

        var built = await builder.EnsureAsync();
        var again = await builder.EnsureAsync();
        File.Delete(Path.Combine(cache, BootFixture.Initrd));
        var repaired = await builder.EnsureAsync();

        Assert.True(built.Rebuilt);
        Assert.False(again.Rebuilt);
        Assert.True(repaired.Rebuilt);
        Assert.All(built.Files, f => Assert.True(new FileInfo(f).Length > 0, f));
        Assert.All(built.UefiFiles, f => Assert.True(new FileInfo(f).Length > 0, f));
        Assert.All([BootFixture.Shim, BootFixture.Grub, BootFixture.Kernel], f => Assert.Equal(ProgramSignature.Signed, ProgramSignatures.Read(Path.Combine(cache, f))));
        Assert.InRange(new FileInfo(Path.Combine(cache, BootFixture.Kernel)).Length, 4_000_000, 40_000_000);
        Assert.Equal(["bios"], _parent.GetDirectories().Select(d => d.Name)); // no staging directory left
    }
}
