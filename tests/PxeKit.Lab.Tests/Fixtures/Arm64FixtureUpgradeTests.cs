using PxeKit.Core.Processes;
using PxeKit.Lab.Fixtures;

namespace PxeKit.Lab.Tests.Fixtures;

/// <summary>The arm64 tree is completed in place when only generated files are missing, and refuses clearly when apt has no arm64.</summary>
public sealed class Arm64FixtureUpgradeTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("pxekit-arm64-fixture-");

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public async Task A_tree_with_its_large_files_gets_grub_cfg_and_the_stamp_without_downloading()
    {
        var cache = Directory.CreateDirectory(Path.Combine(_root.FullName, "arm64")).FullName;
        foreach (var file in new[] { Arm64BootFixture.GrubImage, Arm64BootFixture.Kernel, Arm64BootFixture.Initrd })
        {
            await File.WriteAllTextAsync(Path.Combine(cache, file), "old " + file);
        }

        var progress = new StringWriter();
        var builder = new Arm64FixtureBuilder(new FixtureOptions { Arm64CacheDirectory = cache }, new ScriptedRunner(""), progress);
        Assert.False(builder.IsComplete());

        var completed = await builder.EnsureAsync();
        var again = await builder.EnsureAsync();

        Assert.True(completed.Rebuilt);
        Assert.False(again.Rebuilt);
        Assert.Equal("old vmlinuz", await File.ReadAllTextAsync(Path.Combine(cache, Arm64BootFixture.Kernel)));
        Assert.Equal(Arm64BootFixture.GrubConfigText, await File.ReadAllTextAsync(Path.Combine(cache, Arm64BootFixture.GrubConfig)));
        Assert.Equal("1", (await File.ReadAllTextAsync(Path.Combine(cache, BootFixture.StampFile))).Trim());
        Assert.Equal(Path.Combine(cache, "grubaa64.efi"), completed.GrubImagePath);
        Assert.Contains("updating the arm64 boot fixtures", progress.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_dpkgs_arm64_architecture_the_build_names_the_fix_and_downloads_nothing()
    {
        var runner = new ScriptedRunner("i386\n");
        var grubMkimage = Path.Combine(_root.FullName, "grub-mkimage");
        await File.WriteAllTextAsync(grubMkimage, "");
        var options = new FixtureOptions { Arm64CacheDirectory = Path.Combine(_root.FullName, "arm64"), GrubMkimagePath = grubMkimage };
        var builder = new Arm64FixtureBuilder(options, runner);

        var error = await Assert.ThrowsAsync<CommandException>(() => builder.EnsureAsync());

        Assert.Contains("dpkg --add-architecture arm64", error.Message, StringComparison.Ordinal);
        Assert.Equal(["dpkg --print-foreign-architectures"], runner.Commands);
        Assert.Empty(_root.GetDirectories()); // no staging directory, no tree
    }

    [Fact]
    public async Task Without_grub_mkimage_the_build_names_the_package()
    {
        var options = new FixtureOptions { Arm64CacheDirectory = Path.Combine(_root.FullName, "arm64"), GrubMkimagePath = "/nonexistent/grub-mkimage" };

        var error = await Assert.ThrowsAsync<CommandException>(() => new Arm64FixtureBuilder(options, new ScriptedRunner("arm64\n")).EnsureAsync());

        Assert.Contains("grub-common", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Answers <c>dpkg --print-foreign-architectures</c> and records every command; anything else fails the test.</summary>
    private sealed class ScriptedRunner(string foreignArchitectures) : ICommandRunner
    {
        private readonly List<string> _commands = [];

        public bool DryRun => false;

        public IReadOnlyList<string> Commands => _commands;

        public Task<CommandResult> RunAsync(Command command, CancellationToken cancellationToken = default)
        {
            _commands.Add(command.ToShell());
            return command.ToShell() == "dpkg --print-foreign-architectures"
                ? Task.FromResult(new CommandResult(command, 0, foreignArchitectures, ""))
                : throw new InvalidOperationException($"Unexpected command: {command.ToShell()}");
        }
    }
}
