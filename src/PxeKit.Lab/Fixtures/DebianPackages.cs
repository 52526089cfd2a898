using System.Text.RegularExpressions;
using PxeKit.Core.Processes;

namespace PxeKit.Lab.Fixtures;

/// <summary>
/// Fetches Debian packages without installing them: <c>apt-get download</c> into a directory, then
/// <c>dpkg -x</c>. Nothing on the host changes except, once, apt's package lists.
/// </summary>
public sealed partial class DebianPackages(ICommandRunner runner)
{
    private const string KernelPackagePrefix = "linux-image-";

    /// <summary>
    /// The concrete package a metapackage depends on, e.g. <c>linux-image-6.1.0-56-amd64</c> for
    /// <c>linux-image-amd64</c>. Runs <c>apt-get update</c> once if apt knows nothing about it yet.
    /// </summary>
    public async Task<string> ResolveDependencyAsync(string metapackage, string dependencyPrefix, CancellationToken cancellationToken)
    {
        var depends = new Command("apt-cache", "depends", metapackage);
        var found = FindDependency(await DependsOutputAsync(depends, cancellationToken).ConfigureAwait(false), dependencyPrefix);
        if (found is null)
        {
            var update = await runner.RunAsync(new Command("apt-get", "update", "-q"), cancellationToken).ConfigureAwait(false);
            update.ThrowIfFailed("Updating apt's package lists (needed to find the kernel package)");
            found = FindDependency(await DependsOutputAsync(depends, cancellationToken).ConfigureAwait(false), dependencyPrefix);
        }

        return found ?? throw new CommandException(
            $"Could not find a {dependencyPrefix}* dependency of {metapackage}: `{depends.ToShell()}` names none.");
    }

    /// <summary>Downloads <paramref name="package"/> into <paramref name="workDirectory"/> and unpacks it into <paramref name="extractDirectory"/>.</summary>
    public async Task DownloadAndExtractAsync(string package, string workDirectory, string extractDirectory, CancellationToken cancellationToken)
    {
        var download = new Command("apt-get", "download", "-q", package) { WorkingDirectory = workDirectory };
        (await runner.RunAsync(download, cancellationToken).ConfigureAwait(false)).ThrowIfFailed($"Downloading {package}");
        var debs = Directory.GetFiles(workDirectory, "*.deb");
        var name = package.Split(':')[0]; // "busybox-static:arm64" is saved as busybox-static_VERSION_arm64.deb
        var deb = debs.FirstOrDefault(d => Path.GetFileName(d).StartsWith(name + "_", StringComparison.Ordinal))
            ?? throw new CommandException($"Downloading {package} failed: apt-get reported success but left no {package}_*.deb in {workDirectory}.");
        var extract = new Command("dpkg", "-x", deb, extractDirectory);
        (await runner.RunAsync(extract, cancellationToken).ConfigureAwait(false)).ThrowIfFailed($"Unpacking {package}");
    }

    /// <summary>
    /// Downloads the kernel package <paramref name="metapackage"/> depends on and copies its <c>boot/vmlinuz-*</c>
    /// to <paramref name="destination"/>. An <paramref name="architecture"/> (<c>arm64</c>) qualifies both
    /// package names for apt; null means the host's own. Returns the kernel package's name as apt was asked for it.
    /// </summary>
    public async Task<string> FetchKernelAsync(string metapackage, string? architecture, string workDirectory, string destination, CancellationToken cancellationToken)
    {
        var kernel = await ResolveDependencyAsync(Qualified(metapackage, architecture), KernelPackagePrefix, cancellationToken).ConfigureAwait(false);
        kernel = Qualified(kernel, architecture);
        var tree = Path.Combine(workDirectory, "kernel");
        await DownloadAndExtractAsync(kernel, workDirectory, tree, cancellationToken).ConfigureAwait(false);
        var vmlinuz = Directory.GetFiles(Path.Combine(tree, "boot"), "vmlinuz-*").FirstOrDefault()
            ?? throw new CommandException($"Unpacking {kernel} left no boot/vmlinuz-* in {tree}.");
        File.Copy(vmlinuz, destination);
        return kernel;
    }

    /// <summary>Downloads and unpacks a static busybox package; returns the path of its <c>bin/busybox</c> under <paramref name="workDirectory"/>.</summary>
    public async Task<string> FetchBusyboxAsync(string package, string workDirectory, CancellationToken cancellationToken)
    {
        var tree = Path.Combine(workDirectory, "busybox");
        await DownloadAndExtractAsync(package, workDirectory, tree, cancellationToken).ConfigureAwait(false);
        var busybox = Path.Combine(tree, "bin", "busybox");
        return File.Exists(busybox) ? busybox : throw new CommandException($"Unpacking {package} left no bin/busybox in {tree}.");
    }

    /// <summary><c>name:architecture</c>, or <paramref name="package"/> itself when no architecture is given.</summary>
    public static string Qualified(string package, string? architecture) =>
        architecture is null ? package : $"{package}:{architecture}";

    /// <summary>Finds <c>Depends: PREFIX...</c> in <c>apt-cache depends</c> output.</summary>
    internal static string? FindDependency(string aptCacheDependsOutput, string dependencyPrefix)
    {
        foreach (Match match in DependsLine().Matches(aptCacheDependsOutput))
        {
            var name = match.Groups["name"].Value;
            if (name.StartsWith(dependencyPrefix, StringComparison.Ordinal))
            {
                return name;
            }
        }

        return null;
    }

    private async Task<string> DependsOutputAsync(Command depends, CancellationToken cancellationToken)
    {
        var result = await runner.RunAsync(depends, cancellationToken).ConfigureAwait(false);
        return result.Succeeded ? result.StandardOutput : "";
    }

    [GeneratedRegex(@"^\s*\|?Depends:\s*(?<name>[a-z0-9][a-z0-9.+-]*)", RegexOptions.Multiline)]
    private static partial Regex DependsLine();
}
