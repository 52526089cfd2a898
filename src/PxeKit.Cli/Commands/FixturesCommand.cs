using System.CommandLine;
using Command = System.CommandLine.Command;
using PxeKit.Lab.Fixtures;
using PxeKit.Lab.Processes;

namespace PxeKit.Cli.Commands;

/// <summary><c>pxekit fixtures</c>: builds (once) the boot tree the lab boots.</summary>
public static class FixturesCommand
{
    private static readonly Option<string> Directory = new("--dir")
    {
        Description = $"Where the boot tree is kept (default {new FixtureOptions().CacheDirectory}). Built only when a file is missing.",
    };

    public static Command Create()
    {
        var command = new Command("fixtures", """
            Build the BIOS boot tree the lab boots: pxelinux.0, ldlinux.c32, pxelinux.cfg/default, a Debian
            kernel (vmlinuz, from apt-get download) and a busybox initramfs (initrd.gz) whose /init prints
            the marker on the serial console and powers off. Prints the directory.
            """)
        {
            Directory,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = parse.GetValue(Directory) is { } dir ? new FixtureOptions { CacheDirectory = dir } : new FixtureOptions();
            var set = await EnsureAsync(options, Console.Error, cancellationToken).ConfigureAwait(false);
            if (set is null)
            {
                return ExitCodes.Failure;
            }

            Console.WriteLine(set.Directory);
            return ExitCodes.Success;
        });
        return command;
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
        catch (LabCommandException e)
        {
            await log.WriteLineAsync($"pxekit: could not build the boot fixtures: {e.Message}").ConfigureAwait(false);
            return null;
        }
    }
}
