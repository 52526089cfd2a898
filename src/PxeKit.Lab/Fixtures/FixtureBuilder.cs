using PxeKit.Lab.Processes;

namespace PxeKit.Lab.Fixtures;

/// <summary>
/// Builds the BIOS boot tree (PXELINUX, its config, a Debian kernel, a busybox initramfs) into a cache
/// directory, only when something is missing. The tree is built in a sibling temporary directory and
/// renamed into place, so a half-built tree never looks complete.
/// </summary>
public sealed class FixtureBuilder(FixtureOptions options, ICommandRunner runner)
{
    private const string KernelPackagePrefix = "linux-image-";

    public FixtureOptions Options { get; } = options;

    /// <summary>True when every file of the tree exists and is not empty.</summary>
    public bool IsComplete() => BootFixture.Files.All(f => new FileInfo(Path.Combine(Options.CacheDirectory, f)) is { Exists: true, Length: > 0 });

    /// <summary>Returns the cached tree, building it first if anything is missing.</summary>
    public async Task<FixtureSet> EnsureAsync(CancellationToken cancellationToken = default)
    {
        if (IsComplete())
        {
            return new FixtureSet(Options.CacheDirectory, Rebuilt: false);
        }

        CheckSource(Options.PxelinuxPath, "pxelinux");
        CheckSource(Options.LdlinuxPath, "syslinux-common");
        var target = Path.GetFullPath(Options.CacheDirectory);
        var parent = Path.GetDirectoryName(target) ?? throw new ArgumentException("The fixture directory cannot be a root.", nameof(options));
        Directory.CreateDirectory(parent);
        var staging = Path.Combine(parent, $".{Path.GetFileName(target)}.building-{Guid.NewGuid():N}");
        var work = Directory.CreateTempSubdirectory("pxekit-fixtures-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(staging, "pxelinux.cfg"));
            await BuildAsync(staging, work, cancellationToken).ConfigureAwait(false);
            // Another builder may have finished meanwhile: its complete tree wins, ours is discarded.
            if (!IsComplete())
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

    private async Task BuildAsync(string staging, string work, CancellationToken cancellationToken)
    {
        File.Copy(Options.PxelinuxPath, Path.Combine(staging, BootFixture.Pxelinux));
        File.Copy(Options.LdlinuxPath, Path.Combine(staging, BootFixture.Ldlinux));
        await File.WriteAllTextAsync(Path.Combine(staging, BootFixture.PxelinuxConfig), BootFixture.PxelinuxConfigText, cancellationToken).ConfigureAwait(false);

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
