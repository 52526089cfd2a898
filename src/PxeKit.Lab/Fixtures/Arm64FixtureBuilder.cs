using PxeKit.Core.Processes;

namespace PxeKit.Lab.Fixtures;

/// <summary>
/// Builds the arm64 boot tree (<see cref="Arm64BootFixture"/>) into <see cref="FixtureOptions.Arm64CacheDirectory"/>,
/// only when something is missing: the arm64 kernel and <c>busybox-static:arm64</c> (downloaded with apt, never
/// installed), and a GRUB network image made by the host's grub-mkimage from the unpacked
/// <c>grub-efi-arm64-bin:arm64</c> modules. Like <see cref="FixtureBuilder"/>, a new tree is built beside the
/// target and renamed into place; a tree with the large files but an older layout gets its generated files
/// rewritten in place. The first build downloads ~65 MB and says so on <c>progress</c>.
/// </summary>
public sealed class Arm64FixtureBuilder(FixtureOptions options, ICommandRunner runner, TextWriter? progress = null)
{
    private const string GrubPlatform = "arm64-efi";

    public FixtureOptions Options { get; } = options;

    /// <summary>True when every file of the tree exists and is not empty, and the stamp names the current layout.</summary>
    public bool IsComplete() => IsComplete(Options.Arm64CacheDirectory);

    /// <summary>Returns the cached tree, building or completing it first if anything is missing.</summary>
    public async Task<Arm64FixtureSet> EnsureAsync(CancellationToken cancellationToken = default)
    {
        if (IsComplete())
        {
            return new Arm64FixtureSet(Options.Arm64CacheDirectory, Rebuilt: false);
        }

        var target = Path.GetFullPath(Options.Arm64CacheDirectory);
        if (FixtureTree.HasFiles(target, [Arm64BootFixture.GrubImage, Arm64BootFixture.Kernel, Arm64BootFixture.Initrd]))
        {
            await SayAsync($"updating the arm64 boot fixtures in {target} (GRUB's configuration)").ConfigureAwait(false);
            await WriteGeneratedFilesAsync(target, cancellationToken).ConfigureAwait(false);
            return new Arm64FixtureSet(target, Rebuilt: true);
        }

        if (!File.Exists(Options.GrubMkimagePath))
        {
            throw new CommandException($"Building the arm64 boot fixtures failed: {Options.GrubMkimagePath} is missing; install the Debian package grub-common (scripts/install-deps.sh).");
        }

        await CheckArchitectureAsync(cancellationToken).ConfigureAwait(false);
        await SayAsync($"building the arm64 boot fixtures in {target}: kernel, busybox and GRUB from Debian's archive (~65 MB, once)").ConfigureAwait(false);
        await FixtureTree.BuildAsync(target, (staging, work) => BuildAsync(staging, work, cancellationToken), IsComplete).ConfigureAwait(false);
        await SayAsync($"the arm64 boot fixtures are ready in {target}").ConfigureAwait(false);
        return new Arm64FixtureSet(target, Rebuilt: true);
    }

    /// <summary>
    /// <c>grub-mkimage -O arm64-efi -d MODULES -p /grub -o OUTPUT efinet net tftp ...</c>: a standalone EFI program
    /// with the network modules inside and the prefix that makes it read its configuration from its TFTP server.
    /// </summary>
    public static Command GrubMkimageCommand(string grubMkimage, string moduleDirectory, string output) =>
        new(grubMkimage, ["-O", GrubPlatform, "-d", moduleDirectory, "-p", Arm64BootFixture.GrubPrefix, "-o", output, .. Arm64BootFixture.GrubModules]);

    private static bool IsComplete(string directory) =>
        FixtureTree.IsComplete(directory, Arm64BootFixture.Files, Arm64BootFixture.LayoutVersion);

    private async Task BuildAsync(string staging, string work, CancellationToken cancellationToken)
    {
        var packages = new DebianPackages(runner);
        var architecture = Arm64BootFixture.DebianArchitecture;
        await SayAsync($"downloading the arm64 kernel ({DebianPackages.Qualified(Options.Arm64KernelMetapackage, architecture)}, ~60 MB)").ConfigureAwait(false);
        var kernel = await packages.FetchKernelAsync(Options.Arm64KernelMetapackage, architecture, work, Path.Combine(staging, Arm64BootFixture.Kernel), cancellationToken)
            .ConfigureAwait(false);
        await SayAsync($"unpacked {kernel}").ConfigureAwait(false);

        var busyboxPackage = DebianPackages.Qualified(Options.BusyboxPackage, architecture);
        await SayAsync($"downloading {busyboxPackage} for the initramfs").ConfigureAwait(false);
        var busybox = await packages.FetchBusyboxAsync(busyboxPackage, work, cancellationToken).ConfigureAwait(false);
        InitramfsBuilder.Write(busybox, Path.Combine(staging, Arm64BootFixture.Initrd));

        var grubPackage = DebianPackages.Qualified(Options.GrubArm64Package, architecture);
        await SayAsync($"downloading {grubPackage} and making {Arm64BootFixture.GrubImage} with grub-mkimage").ConfigureAwait(false);
        var grubTree = Path.Combine(work, "grub");
        await packages.DownloadAndExtractAsync(grubPackage, work, grubTree, cancellationToken).ConfigureAwait(false);
        var modules = Path.Combine(grubTree, "usr", "lib", "grub", GrubPlatform);
        if (!Directory.Exists(modules))
        {
            throw new CommandException($"Unpacking {grubPackage} left no usr/lib/grub/{GrubPlatform} in {grubTree}.");
        }

        var mkimage = GrubMkimageCommand(Options.GrubMkimagePath, modules, Path.Combine(staging, Arm64BootFixture.GrubImage));
        (await runner.RunAsync(mkimage, cancellationToken).ConfigureAwait(false)).ThrowIfFailed($"Making the GRUB image ({mkimage.ToShell()})");
        await WriteGeneratedFilesAsync(staging, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>GRUB's configuration, then the stamp.</summary>
    private static async Task WriteGeneratedFilesAsync(string tree, CancellationToken cancellationToken)
    {
        await FixtureTree.ReplaceAsync(tree, Arm64BootFixture.GrubConfig, t => File.WriteAllTextAsync(t, Arm64BootFixture.GrubConfigText, cancellationToken))
            .ConfigureAwait(false);
        await FixtureTree.WriteStampAsync(tree, Arm64BootFixture.LayoutVersion, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>apt can download <c>:arm64</c> packages only once dpkg knows the architecture.</summary>
    private async Task CheckArchitectureAsync(CancellationToken cancellationToken)
    {
        var result = await runner.RunAsync(new Command("dpkg", "--print-foreign-architectures"), cancellationToken).ConfigureAwait(false);
        result.ThrowIfFailed("Asking dpkg for its foreign architectures");
        var architectures = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (!architectures.Contains(Arm64BootFixture.DebianArchitecture, StringComparer.Ordinal))
        {
            throw new CommandException(
                "Building the arm64 boot fixtures needs arm64 packages from Debian, but dpkg does not know the arm64 architecture: "
                + "run scripts/install-deps.sh as root (it runs `dpkg --add-architecture arm64` and `apt-get update`).");
        }
    }

    private async Task SayAsync(string text)
    {
        if (progress is not null)
        {
            await progress.WriteLineAsync("pxekit: " + text).ConfigureAwait(false);
        }
    }
}
