namespace PxeKit.Server.Http;

/// <summary>What a Range header asks of a representation of a known length.</summary>
internal enum RangeKind
{
    /// <summary>No Range header, or one this server ignores (other unit, malformed, several ranges): send it all, 200.</summary>
    Whole,
    /// <summary>One satisfiable range: 206 with Content-Range.</summary>
    Partial,
    /// <summary>No range overlaps the representation: 416 with <c>Content-Range: bytes */length</c>.</summary>
    Unsatisfiable,
}

/// <summary>The answer to a Range header: which bytes to send. <see cref="Last"/> is inclusive.</summary>
internal readonly record struct ByteRange(RangeKind Kind, long First, long Last)
{
    /// <summary>Most ranges looked at in one header; past that the header is ignored and the whole file sent.</summary>
    public const int MaxRanges = 64;

    public long Length => Last - First + 1;

    public static ByteRange Whole(long length) => new(RangeKind.Whole, 0, length - 1);

    /// <summary>
    /// RFC 9110 section 14.1.2: <c>ranges-specifier = range-unit "=" range-set</c>, <c>range-set = 1#range-spec</c>,
    /// <c>int-range = first-pos "-" [ last-pos ]</c>, <c>suffix-range = "-" suffix-length</c>. A malformed
    /// header is ignored (section 14.2 allows it); several ranges are answered with the whole file,
    /// unless none of them is satisfiable. Never throws.
    /// </summary>
    public static ByteRange Parse(string? header, long length)
    {
        var whole = Whole(length);
        if (string.IsNullOrEmpty(header))
        {
            return whole;
        }

        var text = header.AsSpan().Trim();
        const string unit = "bytes=";
        if (!text.StartsWith(unit, StringComparison.OrdinalIgnoreCase))
        {
            return whole;
        }

        text = text[unit.Length..];
        ByteRange? single = null;
        var count = 0;
        var anySatisfiable = false;
        foreach (var part in text.Split(','))
        {
            var spec = text[part].Trim(" \t");
            if (spec.IsEmpty)
            {
                continue; // 1#rule allows empty list elements (RFC 9110 section 5.6.1).
            }

            if (++count > MaxRanges || !TryParseSpec(spec, length, out var range))
            {
                return whole;
            }

            anySatisfiable |= range.Kind == RangeKind.Partial;
            single = range;
        }

        if (count == 0 || single is null)
        {
            return whole;
        }

        if (!anySatisfiable)
        {
            return new ByteRange(RangeKind.Unsatisfiable, 0, -1);
        }

        return count == 1 ? single.Value : whole;
    }

    private static bool TryParseSpec(ReadOnlySpan<char> spec, long length, out ByteRange range)
    {
        range = default;
        var dash = spec.IndexOf('-');
        if (dash < 0)
        {
            return false;
        }

        var firstText = spec[..dash];
        var lastText = spec[(dash + 1)..];
        if (firstText.IsEmpty)
        {
            // suffix-range: the last N bytes.
            if (!TryParseDigits(lastText, out var suffix))
            {
                return false;
            }

            range = suffix == 0 || length == 0
                ? new ByteRange(RangeKind.Unsatisfiable, 0, -1)
                : new ByteRange(RangeKind.Partial, Math.Max(0, length - suffix), length - 1);
            return true;
        }

        if (!TryParseDigits(firstText, out var first))
        {
            return false;
        }

        var last = long.MaxValue;
        if (!lastText.IsEmpty && (!TryParseDigits(lastText, out last) || last < first))
        {
            return false; // last-pos < first-pos makes the whole header invalid.
        }

        range = first >= length
            ? new ByteRange(RangeKind.Unsatisfiable, 0, -1)
            : new ByteRange(RangeKind.Partial, first, Math.Min(last, length - 1));
        return true;
    }

    private static bool TryParseDigits(ReadOnlySpan<char> text, out long value)
    {
        value = 0;
        if (text.IsEmpty)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            // A position past long.MaxValue is past any file: saturate instead of overflowing.
            value = value > (long.MaxValue - 9) / 10 ? long.MaxValue : (value * 10) + (c - '0');
        }

        return true;
    }
}
