namespace PxeKit.Cli.Import;

/// <summary>
/// Reads a dnsmasq configuration file into its settings, following <c>conf-file</c> and <c>conf-dir</c> where they are
/// written, as dnsmasq does. Comments and blank lines are left out. A missing file, a loop of includes, or includes
/// deeper than <see cref="MaxDepth"/> are errors: the configuration cannot be known whole, so nothing is converted.
/// </summary>
public sealed class DnsmasqReader
{
    /// <summary>Files included inside included files, at most this deep (the top file is depth 0).</summary>
    public const int MaxDepth = 8;

    /// <summary>Files read in all, includes counted.</summary>
    public const int MaxFiles = 256;

    /// <summary>The largest file read: a dnsmasq configuration is a few kilobytes.</summary>
    public const long MaxFileBytes = 4 << 20;

    private readonly List<DnsmasqLine> _lines = [];
    private readonly List<string> _errors;
    private readonly List<string> _chain = [];
    private int _files;

    private DnsmasqReader(List<string> errors) => _errors = errors;

    /// <summary>The settings of <paramref name="path"/> and the files it includes, in the order dnsmasq reads them.</summary>
    /// <returns>Null when the configuration could not be read whole; <paramref name="errors"/> says why.</returns>
    public static IReadOnlyList<DnsmasqLine>? Read(string path, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(errors);
        int before = errors.Count;
        var reader = new DnsmasqReader(errors);
        if (!File.Exists(path))
        {
            errors.Add(Directory.Exists(path) ? $"{path} is a directory, not a dnsmasq configuration file" : $"{path} does not exist");
            return null;
        }

        reader.ReadFile(path, null);
        return errors.Count == before ? reader._lines : null;
    }

    private void ReadFile(string path, DnsmasqLine? from)
    {
        var full = Path.GetFullPath(path);
        string at = from is null ? "" : $"{from.File}, line {from.Number}: ";
        if (_chain.Contains(full, StringComparer.Ordinal))
        {
            _errors.Add($"{at}{from!.Name} {path} makes a loop: {string.Join(" includes ", _chain.SkipWhile(f => f != full).Append(full))}");
            return;
        }

        if (_chain.Count > MaxDepth)
        {
            _errors.Add($"{at}{from!.Name} {path} is included more than {MaxDepth} files deep");
            return;
        }

        if (++_files > MaxFiles)
        {
            _errors.Add($"{at}more than {MaxFiles} files are included; stopped at {path}");
            return;
        }

        string[] text;
        try
        {
            var info = new FileInfo(full);
            if (info.Length > MaxFileBytes)
            {
                _errors.Add($"{at}{path} is larger than {MaxFileBytes / (1 << 20)} MiB: not a dnsmasq configuration");
                return;
            }

            text = File.ReadAllLines(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _errors.Add($"{at}{path} cannot be read: {e.Message}");
            return;
        }

        _chain.Add(full);
        for (int i = 0; i < text.Length; i++)
        {
            if (Parse(path, i + 1, text[i]) is not { } line)
            {
                continue;
            }

            switch (line.Name)
            {
                case "conf-file" when line.Value is { Length: > 0 } file:
                    Include(ResolveBeside(path, file), line);
                    break;
                case "conf-dir" when line.Value is { Length: > 0 }:
                    IncludeDirectory(path, line);
                    break;
                default:
                    _lines.Add(line);
                    break;
            }
        }

        _chain.RemoveAt(_chain.Count - 1);
    }

    private void Include(string path, DnsmasqLine from)
    {
        if (File.Exists(path))
        {
            ReadFile(path, from);
        }
        else
        {
            _errors.Add($"{from.File}, line {from.Number}: {from.Name} {path} does not exist");
        }
    }

    /// <summary>
    /// <c>conf-dir=DIR[,.ext,...][,*.ext,...]</c>: every file of DIR in name order, except hidden ones, editor backups
    /// (<c>~</c>, <c>#name#</c>) and those ending in a <c>.ext</c> given; with <c>*.ext</c> given, only those.
    /// </summary>
    private void IncludeDirectory(string including, DnsmasqLine line)
    {
        var fields = line.Fields;
        var directory = ResolveBeside(including, fields[0].Text);
        if (!Directory.Exists(directory))
        {
            _errors.Add($"{line.File}, line {line.Number}: conf-dir {directory} does not exist");
            return;
        }

        var only = fields.Skip(1).Where(f => f.Text.StartsWith('*')).Select(f => f.Text[1..]).ToList();
        var skip = fields.Skip(1).Where(f => !f.Text.StartsWith('*') && f.Text.Length > 0).Select(f => f.Text).ToList();
        var files = Directory.EnumerateFiles(directory)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(name => !name.StartsWith('.') && !name.EndsWith('~') && !(name.StartsWith('#') && name.EndsWith('#')))
            .Where(name => !skip.Any(s => name.EndsWith(s, StringComparison.Ordinal)))
            .Where(name => only.Count == 0 || only.Any(s => name.EndsWith(s, StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal);
        foreach (var name in files)
        {
            ReadFile(Path.Combine(directory, name), line);
        }
    }

    /// <summary>
    /// dnsmasq opens a relative path from its working directory (usually /); a configuration being converted is
    /// usually a copy, so a relative path is taken beside the file that names it.
    /// </summary>
    private static string ResolveBeside(string including, string path) =>
        Path.IsPathRooted(path) ? path : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(including)) ?? "/", path);

    /// <summary>
    /// A line of dnsmasq's configuration file: a long option name without its dashes, then <c>=value</c> or nothing.
    /// A <c>#</c> at the start of a line or after white space, outside double quotes, begins a comment.
    /// </summary>
    internal static DnsmasqLine? Parse(string file, int number, string text)
    {
        bool inQuotes = false;
        int end = text.Length;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '"' && (i == 0 || text[i - 1] != '\\'))
            {
                inQuotes = !inQuotes;
            }
            else if (text[i] == '#' && !inQuotes && (i == 0 || char.IsWhiteSpace(text[i - 1])))
            {
                end = i;
                break;
            }
        }

        var setting = text[..end].Trim();
        if (setting.Length == 0)
        {
            return null;
        }

        int equals = setting.IndexOf('=', StringComparison.Ordinal);
        var name = (equals < 0 ? setting : setting[..equals]).Trim().TrimStart('-');
        return new DnsmasqLine(file, number, name, equals < 0 ? null : setting[(equals + 1)..].Trim());
    }
}
