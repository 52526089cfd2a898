using System.Reflection;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using PxeKit.Core.Tests.Support;
using PxeKit.Core.Verdicts;

namespace PxeKit.Core.Tests.Verdicts;

/// <summary>docs/diagnosis.md lists every fault id the code has, and no other: the table is held to the code.</summary>
public sealed partial class FaultIdsDocumentedTests
{
    [Fact]
    public void The_diagnosis_page_lists_exactly_the_fault_ids_of_the_code()
    {
        var inCode = typeof(FaultId).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? throw new InvalidOperationException($"{f.Name} has no stable name"))
            .Order(StringComparer.Ordinal).ToList();
        var page = File.ReadAllText(Path.Combine(Repository.Root(), "docs", "diagnosis.md"));
        var documented = DocumentedId().Matches(page).Select(m => m.Groups["id"].Value).Order(StringComparer.Ordinal).ToList();

        Assert.True(inCode.Count >= 15, "the fault ids were not read");
        Assert.Equal(inCode, documented);
    }

    [Fact]
    public void Every_stable_name_is_kebab_case_and_used_once()
    {
        var names = typeof(FaultId).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()!.Name).ToList();

        Assert.All(names, n => Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", n));
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
    }

    // A row of the fault table: its first cell is the id in backquotes.
    [GeneratedRegex(@"^\| `(?<id>[a-z0-9-]+)` \|", RegexOptions.Multiline)]
    private static partial Regex DocumentedId();
}
