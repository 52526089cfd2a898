using System.CommandLine;
using Command = System.CommandLine.Command;
using PxeKit.Core.Processes;
using PxeKit.Lab.Fixtures;

namespace PxeKit.Cli.Commands;

/// <summary><c>pxekit fixtures</c>: builds (once) the boot tree the lab boots.</summary>
public static class FixturesCommand
{
    private static readonly Option<string> Directory = new("--dir")
    {
        Description = $"Where the boot tree is kept (default {new FixtureOptions().CacheDirectory}). Built only when a file is missing.",
    };

    private static readonly Option<string> Arch = new("--arch")
    {
        Description = "x86_64 (BIOS and UEFI tree) or arm64 (GRUB, arm64 kernel and busybox; its own tree).",
        DefaultValueFactory = _ => "x86_64",
    };

    public static Command Create()
    {
        var command = new Command("fixtures", """
            Build the boot tree the lab boots: pxelinux.0, ldlinux.c32, pxelinux.cfg/default, ipxe.efi,
            undionly.kpxe, a Debian kernel (vmlinuz, signed, from apt-get download) and a busybox initramfs (initrd.gz)
            whose /init prints the marker on the serial console and powers off, and the Secure Boot chain: Debian's
            signed shim (shimx64.efi) and signed GRUB network image (grubx64.efi); with --arch arm64, GRUB and the
            arm64 kernel and busybox in a tree of their own. Built once, then cached. Prints the directory.
            """)
        {
            Directory, Arch,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var arm64 = parse.GetValue(Arch) == "arm64";
            var dir = parse.GetValue(Directory);
            var options = dir is null ? new FixtureOptions() : arm64 ? new FixtureOptions { Arm64CacheDirectory = dir } : new FixtureOptions { CacheDirectory = dir };
            var built = arm64
                ? await EnsureArm64Async(options, Console.Error, cancellationToken).ConfigureAwait(false)
                : (await EnsureAsync(options, Console.Error, cancellationToken).ConfigureAwait(false))?.Directory;
            if (built is null)
            {
                return ExitCodes.Failure;
            }

            Console.WriteLine(built);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Builds the arm64 tree if needed; on failure says why in one sentence and returns null.</summary>
    internal static async Task<string?> EnsureArm64Async(FixtureOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        try
        {
            return (await new Arm64FixtureBuilder(options, new ProcessCommandRunner(), log).EnsureAsync(cancellationToken).ConfigureAwait(false)).Directory;
        }
        catch (CommandException e)
        {
            await log.WriteLineAsync($"pxekit: could not build the arm64 boot fixtures: {e.Message}").ConfigureAwait(false);
            return null;
        }
    }

    /// <summary>Builds the fixtures if needed; on failure says why in one sentence and returns null.</summary>
    internal static async Task<FixtureSet?> EnsureAsync(FixtureOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        var builder = new FixtureBuilder(options, new ProcessCommandRunner());
        if (!builder.IsComplete())
        {
            await log.WriteLineAsync($"pxekit: building the boot fixtures in {options.CacheDirectory} (kernel and busybox from Debian's archive)...").ConfigureAwait(false);
        }

        try
        {
            return await builder.EnsureAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (CommandException e)
        {
            await log.WriteLineAsync($"pxekit: could not build the boot fixtures: {e.Message}").ConfigureAwait(false);
            return null;
        }
    }
}
