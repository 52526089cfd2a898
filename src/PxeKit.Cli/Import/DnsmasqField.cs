using System.Text;

namespace PxeKit.Cli.Import;

/// <summary>One comma-separated field of a dnsmasq value, trimmed and unquoted.</summary>
/// <param name="Text">The text, with double quotes removed and their escapes (\" \\ \t \n) resolved.</param>
/// <param name="Quoted">True when any of it was in double quotes: dnsmasq then takes it as a string, never an address or number.</param>
public readonly record struct DnsmasqField(string Text, bool Quoted)
{
    /// <summary>
    /// dnsmasq's value grammar: fields are separated by commas outside double quotes; whitespace around a field is not
    /// part of it; inside quotes a backslash escapes the next character.
    /// </summary>
    public static IReadOnlyList<DnsmasqField> Split(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var fields = new List<DnsmasqField>();
        var text = new StringBuilder();
        bool inQuotes = false, quoted = false;
        int kept = 0; // characters that came from inside quotes keep their whitespace
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (inQuotes && c == '\\' && i + 1 < value.Length)
            {
                char next = value[++i];
                text.Append(next switch { 't' => '\t', 'n' => '\n', 'r' => '\r', 'e' => '\x1b', 'b' => '\b', _ => next });
            }
            else if (c == '"')
            {
                inQuotes = !inQuotes;
                quoted = true;
                kept = text.Length;
            }
            else if (c == ',' && !inQuotes)
            {
                fields.Add(Field(text, quoted, kept));
                text.Clear();
                quoted = false;
                kept = 0;
            }
            else if (inQuotes || !char.IsWhiteSpace(c) || text.Length > 0)
            {
                text.Append(c);
                kept = inQuotes ? text.Length : kept;
            }
        }

        fields.Add(Field(text, quoted, kept));
        return fields;
    }

    private static DnsmasqField Field(StringBuilder text, bool quoted, int kept)
    {
        int end = text.Length;
        while (end > kept && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        return new(text.ToString(0, end), quoted);
    }

    public override string ToString() => Text;
}
