using PxeKit.Server.Http;

namespace PxeKit.Server.Tests.Http;

public sealed class ByteRangeTests
{
    [Theory]
    // header, length, kind, first, last (inclusive)
    [InlineData(null, 1000, "Whole", 0, 999)]
    [InlineData("", 1000, "Whole", 0, 999)]
    [InlineData("bytes=0-0", 1000, "Partial", 0, 0)]
    [InlineData("bytes=100-199", 1000, "Partial", 100, 199)]
    [InlineData("BYTES=100-199", 1000, "Partial", 100, 199)]
    [InlineData("bytes= 100-199 ", 1000, "Partial", 100, 199)]
    [InlineData("bytes=100-", 1000, "Partial", 100, 999)]
    [InlineData("bytes=900-5000", 1000, "Partial", 900, 999)]              // last-pos past the end is clamped
    [InlineData("bytes=999-", 1000, "Partial", 999, 999)]
    [InlineData("bytes=-10", 1000, "Partial", 990, 999)]                   // suffix
    [InlineData("bytes=-5000", 1000, "Partial", 0, 999)]                   // suffix longer than the file
    [InlineData("bytes=1000-", 1000, "Unsatisfiable", 0, -1)]
    [InlineData("bytes=999999999-", 1000, "Unsatisfiable", 0, -1)]
    [InlineData("bytes=99999999999999999999999-", 1000, "Unsatisfiable", 0, -1)] // saturates, no overflow
    [InlineData("bytes=-0", 1000, "Unsatisfiable", 0, -1)]
    [InlineData("bytes=0-", 0, "Unsatisfiable", 0, -1)]                    // nothing to overlap in an empty file
    [InlineData("bytes=-1", 0, "Unsatisfiable", 0, -1)]
    [InlineData("bytes=0-9,20-29", 1000, "Whole", 0, 999)]                 // several: whole file
    [InlineData("bytes=2000-,0-9", 1000, "Whole", 0, 999)]                 // one satisfiable among several
    [InlineData("bytes=2000-,3000-", 1000, "Unsatisfiable", 0, -1)]        // none satisfiable
    [InlineData("bytes=,100-199,", 1000, "Partial", 100, 199)]             // empty list elements
    [InlineData("bytes=199-100", 1000, "Whole", 0, 999)]                   // last < first: invalid, ignored
    [InlineData("bytes=abc", 1000, "Whole", 0, 999)]
    [InlineData("bytes=1-2-3", 1000, "Whole", 0, 999)]
    [InlineData("bytes=-", 1000, "Whole", 0, 999)]
    [InlineData("bytes=+1-2", 1000, "Whole", 0, 999)]
    [InlineData("items=0-9", 1000, "Whole", 0, 999)]                       // other unit
    [InlineData("bytes=", 1000, "Whole", 0, 999)]
    public void Parse_follows_RFC_9110(string? header, long length, string kind, long first, long last)
    {
        var range = ByteRange.Parse(header, length);

        Assert.Equal(new ByteRange(Enum.Parse<RangeKind>(kind), first, last), range);
    }

    [Fact]
    public void Too_many_ranges_are_ignored()
    {
        var header = "bytes=" + string.Join(',', Enumerable.Range(0, ByteRange.MaxRanges + 1).Select(i => $"{i}-{i}"));

        Assert.Equal(RangeKind.Whole, ByteRange.Parse(header, 1000).Kind);
    }

    [Fact]
    public void Random_headers_never_throw()
    {
        var random = new Random(3);
        const string alphabet = "bytes=0123456789-, \t";
        for (var i = 0; i < 20_000; i++)
        {
            var header = new string(Enumerable.Range(0, random.Next(0, 30)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
            var range = ByteRange.Parse(header, random.Next(0, 100));
            if (range.Kind == RangeKind.Partial)
            {
                Assert.InRange(range.First, 0, range.Last);
            }
        }
    }
}
