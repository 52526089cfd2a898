using PxeKit.Cli.Import;

namespace PxeKit.Cli.Tests.Import;

/// <summary>dnsmasq configurations written in a test, as lines of a file named <c>t.conf</c>.</summary>
internal static class DnsmasqText
{
    public static IReadOnlyList<DnsmasqDirective> Parse(params string[] lines) =>
        DnsmasqParser.Parse(lines.Select((text, i) => DnsmasqReader.Parse("t.conf", i + 1, text)).OfType<DnsmasqLine>());

    public static DnsmasqDirective One(string line) => Assert.Single(Parse(line));

    public static ImportedConfig Map(params string[] lines) => DnsmasqMapper.Map(Parse(lines));

    /// <summary>The reasons given for the lines of these numbers, in order.</summary>
    public static string Why(ImportedConfig imported, int line) =>
        string.Join(" | ", imported.Unmapped.Where(u => u.Line.Number == line).Select(u => u.Reason));

    /// <summary>Options compared by value, lists included.</summary>
    public static readonly IEqualityComparer<ImportedOption> OptionEquality = EqualityComparer<ImportedOption>.Create(
        (a, b) => a is not null && b is not null && (a.Code, a.Type, a.Force) == (b.Code, b.Type, b.Force) && a.Values.SequenceEqual(b.Values),
        o => o.Code);

    /// <summary>
    /// A dnsmasq command line (as the project's tests and scripts start dnsmasq) as the file that says the same: each
    /// <c>--name=value</c> is a line <c>name=value</c>.
    /// </summary>
    public static string FromArguments(IEnumerable<string> arguments) =>
        string.Join('\n', arguments.Select(a => a.StartsWith("--", StringComparison.Ordinal) ? a[2..] : throw new ArgumentException($"not a long option: {a}"))) + "\n";
}
