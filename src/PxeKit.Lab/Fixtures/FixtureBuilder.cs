using PxeKit.Core.Processes;

namespace PxeKit.Lab.Fixtures;

/// <summary>
/// Builds the boot tree (PXELINUX and its config for BIOS; ipxe.efi, undionly.kpxe and an iPXE script for
/// UEFI; a Debian kernel and a busybox initramfs for both) into a cache directory, only when something is
/// missing. A new tree is built in a sibling temporary directory and renamed into place, so a half-built tree
/// never looks complete. A tree that has the kernel and initramfs but an older layout (no or an older
/// <see cref="BootFixture.StampFile"/>) is completed in place: its small files are rewritten, each atomically,
/// and the stamp last, so the ~70 MB kernel package is not downloaded again.
/// </summary>
public sealed class FixtureBuilder(FixtureOptions options, ICommandRunner runner)
{
    /// <summary>Where shim-signed keeps the shim signed by Microsoft.</summary>
    internal const string ShimInPackage = "usr/lib/shim/shimx64.efi.signed";

    /// <summary>Where grub-efi-amd64-signed keeps the network image (the one with the network modules and the <c>/grub</c> prefix inside).</summary>
    internal const string GrubInPackage = "usr/lib/grub/x86_64-efi-signed/grubnetx64.efi.signed";

    public FixtureOptions Options { get; } = options;

    /// <summary>True when every file of the tree exists and is not empty, and the stamp names the current layout.</summary>
    public bool IsComplete() => IsComplete(Options.CacheDirectory);

    /// <summary>Returns the cached tree, building or completing it first if anything is missing.</summary>
    public async Task<FixtureSet> EnsureAsync(CancellationToken cancellationToken = default)
    {
        if (IsComplete())
        {
            return new FixtureSet(Options.CacheDirectory, Rebuilt: false);
        }

        CheckSource(Options.PxelinuxPath, "pxelinux");
        CheckSource(Options.LdlinuxPath, "syslinux-common");
        CheckSource(Options.IpxeEfiPath, "ipxe");
        CheckSource(Options.UndionlyPath, "ipxe");
        var target = Path.GetFullPath(Options.CacheDirectory);
        if (FixtureTree.HasFiles(target, [BootFixture.Kernel, BootFixture.Initrd]))
        {
            await WriteSmallFilesAsync(target, cancellationToken).ConfigureAwait(false);
            if (!FixtureTree.HasFiles(target, [BootFixture.Shim, BootFixture.Grub]))
            {
                var work = Directory.CreateTempSubdirectory("pxekit-fixtures-").FullName;
                try
                {
                    await FetchSecureBootChainAsync(target, work, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    Directory.Delete(work, recursive: true);
                }
            }

            await WriteStampAsync(target, cancellationToken).ConfigureAwait(false);
            return new FixtureSet(target, Rebuilt: true);
        }

        await FixtureTree.BuildAsync(
            target,
            async (staging, work) =>
            {
                await WriteSmallFilesAsync(staging, cancellationToken).ConfigureAwait(false);
                await BuildKernelAndInitrdAsync(staging, work, cancellationToken).ConfigureAwait(false);
                await FetchSecureBootChainAsync(staging, work, cancellationToken).ConfigureAwait(false);
                await WriteStampAsync(staging, cancellationToken).ConfigureAwait(false);
            },
            IsComplete).ConfigureAwait(false);
        return new FixtureSet(target, Rebuilt: true);
    }

    private static bool IsComplete(string directory) =>
        FixtureTree.IsComplete(directory, BootFixture.AllFiles, BootFixture.LayoutVersion);

    /// <summary>Everything but the kernel and the initramfs: copies of installed programs and generated text.</summary>
    private async Task WriteSmallFilesAsync(string tree, CancellationToken cancellationToken)
    {
        await ReplaceAsync(tree, BootFixture.Pxelinux, t => CopyAsync(Options.PxelinuxPath, t)).ConfigureAwait(false);
        await ReplaceAsync(tree, BootFixture.Ldlinux, t => CopyAsync(Options.LdlinuxPath, t)).ConfigureAwait(false);
        await ReplaceAsync(tree, BootFixture.PxelinuxConfig, t => File.WriteAllTextAsync(t, BootFixture.PxelinuxConfigText, cancellationToken)).ConfigureAwait(false);
        await ReplaceAsync(tree, BootFixture.IpxeEfi, t => CopyAsync(Options.IpxeEfiPath, t)).ConfigureAwait(false);
        await ReplaceAsync(tree, BootFixture.Undionly, t => CopyAsync(Options.UndionlyPath, t)).ConfigureAwait(false);
        await ReplaceAsync(tree, BootFixture.IpxeScript, t => File.WriteAllTextAsync(t, BootFixture.IpxeScriptText, cancellationToken)).ConfigureAwait(false);
    }

    private static Task WriteStampAsync(string tree, CancellationToken cancellationToken) =>
        FixtureTree.WriteStampAsync(tree, BootFixture.LayoutVersion, cancellationToken);

    private static Task ReplaceAsync(string tree, string name, Func<string, Task> write) => FixtureTree.ReplaceAsync(tree, name, write);

    private static Task CopyAsync(string source, string destination) => FixtureTree.CopyAsync(source, destination);

    private async Task BuildKernelAndInitrdAsync(string staging, string work, CancellationToken cancellationToken)
    {
        var packages = new DebianPackages(runner);
        await packages.FetchKernelAsync(Options.KernelMetapackage, architecture: null, work, Path.Combine(staging, BootFixture.Kernel), cancellationToken).ConfigureAwait(false);
        var busybox = await packages.FetchBusyboxAsync(Options.BusyboxPackage, work, cancellationToken).ConfigureAwait(false);
        InitramfsBuilder.Write(busybox, Path.Combine(staging, BootFixture.Initrd));
    }

    /// <summary>
    /// Debian's signed shim and signed GRUB network image, from their packages (downloaded and unpacked, never
    /// installed), copied into <paramref name="tree"/> under the names shim and the firmware use.
    /// </summary>
    private async Task FetchSecureBootChainAsync(string tree, string work, CancellationToken cancellationToken)
    {
        var packages = new DebianPackages(runner);
        var unpacked = Path.Combine(work, "secure-boot");
        await packages.DownloadAndExtractAsync(Options.ShimPackage, work, unpacked, cancellationToken).ConfigureAwait(false);
        await packages.DownloadAndExtractAsync(Options.GrubSignedPackage, work, unpacked, cancellationToken).ConfigureAwait(false);
        await ReplaceAsync(tree, BootFixture.Shim, t => CopyAsync(Unpacked(unpacked, ShimInPackage, Options.ShimPackage), t)).ConfigureAwait(false);
        await ReplaceAsync(tree, BootFixture.Grub, t => CopyAsync(Unpacked(unpacked, GrubInPackage, Options.GrubSignedPackage), t)).ConfigureAwait(false);
    }

    private static string Unpacked(string tree, string path, string package)
    {
        var full = Path.Combine(tree, path);
        return File.Exists(full) ? full : throw new CommandException($"Unpacking {package} left no {path} in {tree}.");
    }

    private static void CheckSource(string path, string package)
    {
        if (!File.Exists(path))
        {
            throw new CommandException($"Building the boot fixtures failed: {path} is missing; install the Debian package {package} (scripts/install-deps.sh).");
        }
    }
}
