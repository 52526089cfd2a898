using System.Text.RegularExpressions;
using PxeKit.Core.Tests.Support;

namespace PxeKit.Core.Tests.Events;

/// <summary>
/// <see cref="Core.Events.BootEvent.Detail"/> is a sentence for people: code that decides on it breaks the day the
/// sentence is reworded. Only rendering (folders named Rendering) may read it; everyone else reads typed fields.
/// </summary>
public sealed partial class DetailIsForPeopleTests
{
    [Fact]
    public void No_code_outside_rendering_reads_an_events_detail()
    {
        var src = Path.Combine(Repository.Root(), "src");
        var readers = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !IsBuildOutput(f) && !f.Contains($"{Path.DirectorySeparatorChar}Rendering{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(src, f), Line: i + 1, Text: line)))
            .Where(l => !l.Text.TrimStart().StartsWith("//", StringComparison.Ordinal) && ReadsDetail().IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();

        Assert.True(src.Length > 0 && Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories).Count() > 100, "the source tree was not found");
        Assert.Empty(readers);
    }

    [Theory]
    [InlineData("if (e.Detail.Contains(\"x\"))", true)]
    [InlineData("bootEvent is { Detail: \"x\" }", true)]
    [InlineData("var d = e.Detail;", true)]
    [InlineData("Detail = detail,", false)]
    [InlineData("Detail = milestone.Text,", false)]
    public void The_check_tells_a_read_from_a_write(string line, bool read) => Assert.Equal(read, ReadsDetail().IsMatch(line));

    // A member access (x.Detail) or a property pattern ({ Detail: ... }); an initializer's "Detail = " is a write.
    [GeneratedRegex(@"\.Detail\b|[{,]\s*Detail\s*:")]
    private static partial Regex ReadsDetail();

    private static bool IsBuildOutput(string path) =>
        path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
        || path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal);
}
