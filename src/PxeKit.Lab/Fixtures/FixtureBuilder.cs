using System.Globalization;
using PxeKit.Lab.Processes;

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
    private const string KernelPackagePrefix = "linux-image-";

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
        if (HasFiles(target, [BootFixture.Kernel, BootFixture.Initrd]))
        {
            await WriteSmallFilesAsync(target, cancellationToken).ConfigureAwait(false);
            await WriteStampAsync(target, cancellationToken).ConfigureAwait(false);
            return new FixtureSet(target, Rebuilt: true);
        }

        var parent = Path.GetDirectoryName(target) ?? throw new ArgumentException("The fixture directory cannot be a root.", nameof(options));
        Directory.CreateDirectory(parent);
        var staging = Path.Combine(parent, $".{Path.GetFileName(target)}.building-{Guid.NewGuid():N}");
        var work = Directory.CreateTempSubdirectory("pxekit-fixtures-").FullName;
        try
        {
            Directory.CreateDirectory(staging);
            await WriteSmallFilesAsync(staging, cancellationToken).ConfigureAwait(false);
            await BuildKernelAndInitrdAsync(staging, work, cancellationToken).ConfigureAwait(false);
            await WriteStampAsync(staging, cancellationToken).ConfigureAwait(false);
            // Another builder may have finished meanwhile: its complete tree wins, ours is discarded.
            if (!IsComplete(target))
            {
                if (Directory.Exists(target))
                {
                    Directory.Delete(target, recursive: true); // incomplete: a file was missing
                }

                Directory.Move(staging, target);
            }
        }
        finally
        {
            DeleteQuietly(staging);
            DeleteQuietly(work);
        }

        return new FixtureSet(target, Rebuilt: true);
    }

    private static bool IsComplete(string directory) =>
        HasFiles(directory, BootFixture.AllFiles) && ReadStamp(directory) == BootFixture.LayoutVersion;

    private static bool HasFiles(string directory, IEnumerable<string> files) =>
        files.All(f => new FileInfo(Path.Combine(directory, f)) is { Exists: true, Length: > 0 });

    private static int? ReadStamp(string directory)
    {
        var stamp = Path.Combine(directory, BootFixture.StampFile);
        return File.Exists(stamp) && int.TryParse(File.ReadAllText(stamp).Trim(), CultureInfo.InvariantCulture, out var version) ? version : null;
    }

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
        ReplaceAsync(tree, BootFixture.StampFile, t => File.WriteAllTextAsync(t, BootFixture.LayoutVersion.ToString(CultureInfo.InvariantCulture) + "\n", cancellationToken));

    /// <summary>Writes <paramref name="name"/> under a temporary name beside it, then renames it over the old one.</summary>
    private static async Task ReplaceAsync(string tree, string name, Func<string, Task> write)
    {
        var path = Path.Combine(tree, name);
        var directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await write(temporary).ConfigureAwait(false);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary); // gone already unless writing failed
        }
    }

    private static Task CopyAsync(string source, string destination)
    {
        File.Copy(source, destination);
        return Task.CompletedTask;
    }

    private async Task BuildKernelAndInitrdAsync(string staging, string work, CancellationToken cancellationToken)
    {
        var packages = new DebianPackages(runner);
        var kernelPackage = await packages.ResolveDependencyAsync(Options.KernelMetapackage, KernelPackagePrefix, cancellationToken).ConfigureAwait(false);
        var kernelTree = Path.Combine(work, "kernel");
        await packages.DownloadAndExtractAsync(kernelPackage, work, kernelTree, cancellationToken).ConfigureAwait(false);
        var vmlinuz = Directory.GetFiles(Path.Combine(kernelTree, "boot"), "vmlinuz-*").FirstOrDefault()
            ?? throw new LabCommandException($"Unpacking {kernelPackage} left no boot/vmlinuz-* in {kernelTree}.");
        File.Copy(vmlinuz, Path.Combine(staging, BootFixture.Kernel));

        var busyboxTree = Path.Combine(work, "busybox");
        await packages.DownloadAndExtractAsync(Options.BusyboxPackage, work, busyboxTree, cancellationToken).ConfigureAwait(false);
        var busybox = Path.Combine(busyboxTree, "bin", "busybox");
        if (!File.Exists(busybox))
        {
            throw new LabCommandException($"Unpacking {Options.BusyboxPackage} left no bin/busybox in {busyboxTree}.");
        }

        InitramfsBuilder.Write(busybox, Path.Combine(staging, BootFixture.Initrd));
    }

    private static void CheckSource(string path, string package)
    {
        if (!File.Exists(path))
        {
            throw new LabCommandException($"Building the boot fixtures failed: {path} is missing; install the Debian package {package} (scripts/install-deps.sh).");
        }
    }

    private static void DeleteQuietly(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
            // A leftover temporary directory is harmless; the build result stands.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
