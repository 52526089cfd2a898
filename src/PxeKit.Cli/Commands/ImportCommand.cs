using System.CommandLine;
using PxeKit.Cli.Import;

namespace PxeKit.Cli.Commands;

/// <summary><c>pxekit import dnsmasq FILE [--to pxekit.yaml]</c>: a dnsmasq configuration as PxeKit's.</summary>
public static class ImportCommand
{
    /// <summary>The configuration was written, and some lines of the dnsmasq file were not mapped (listed on standard error).</summary>
    public const int LinesLeft = 3;

    private static readonly Argument<string> Source = new("FILE") { Description = "The dnsmasq configuration file (conf-file and conf-dir in it are followed)." };

    private static readonly Option<string> To = new("--to") { Description = "Write the YAML to this file instead of standard output. An existing file is kept unless --force." };

    private static readonly Option<bool> Force = new("--force") { Description = "With --to: replace the file if it exists." };

    public static Command Create()
    {
        var dnsmasq = new Command("dnsmasq", $"""
            Convert a dnsmasq configuration into PxeKit's YAML configuration (docs/migrating.md says what maps to what).
            Every line that cannot be mapped, or only in part, is listed on standard error with its file, line number
            and why, and as a comment at the top of the YAML.

            Exit status: 0 every line was mapped; {LinesLeft} the YAML was written but some lines were not mapped;
            2 nothing was written (a missing file, a conf-file loop, --to exists).

            Example:
              pxekit import dnsmasq /etc/dnsmasq.conf --to /etc/pxekit/pxekit.yaml
            """)
        {
            Source, To, Force,
        };
        dnsmasq.SetAction(parse => Run(parse.GetValue(Source)!, parse.GetValue(To), parse.GetValue(Force), Console.Out, Console.Error));
        return new Command("import", "Convert another boot server's configuration into PxeKit's.") { dnsmasq };
    }

    internal static int Run(string file, string? to, bool force, TextWriter output, TextWriter error)
    {
        if (to is not null && File.Exists(to) && !force)
        {
            error.WriteLine($"pxekit: {to} exists: give --force to replace it.");
            return ExitCodes.BadConfiguration;
        }

        var errors = new List<string>();
        var imported = DnsmasqImport.Convert(file, errors);
        if (imported is null)
        {
            foreach (var message in errors)
            {
                error.WriteLine($"pxekit: {message}.");
            }

            return ExitCodes.BadConfiguration;
        }

        var yaml = ConfigYamlWriter.Write(imported, file);
        if (to is null)
        {
            output.Write(yaml);
        }
        else
        {
            try
            {
                File.WriteAllText(to, yaml);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"pxekit: {to} cannot be written: {e.Message}");
                return ExitCodes.BadConfiguration;
            }
        }

        foreach (var left in imported.Unmapped)
        {
            error.WriteLine($"{left.Line.File}:{left.Line.Number}: not mapped: {left.Line} -- {left.Reason}");
        }

        foreach (var note in imported.Notes)
        {
            error.WriteLine($"pxekit: note: {note}.");
        }

        return imported.Unmapped.Count == 0 ? ExitCodes.Success : LinesLeft;
    }
}
