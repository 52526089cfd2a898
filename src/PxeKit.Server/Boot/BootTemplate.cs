using System.Text;

namespace PxeKit.Server.Boot;

/// <summary>
/// A text with <c>{{ name }}</c> in it (a kernel command line, or a file of the templates directory served over TFTP
/// or HTTP: <see cref="Files.FileTemplates"/>): each name is a variable of the client being booted
/// (<see cref="BuiltIn"/>) or of its profile's <c>vars:</c> and its groups'. Names are checked when the configuration is
/// read, so an unknown one stops the server at start; none ever renders as an empty string.
/// </summary>
public static class BootTemplate
{
    /// <summary>The variables every client has, or may have.</summary>
    public static readonly IReadOnlyList<string> BuiltIn = ["server", "mac", "ip", "arch", "uuid", "hostname"];

    /// <summary>The names <paramref name="text"/> uses, in order; null with <paramref name="error"/> when a <c>{{</c> is never closed or names nothing.</summary>
    public static IReadOnlyList<string>? Names(string text, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        var names = new List<string>();
        error = Walk(text, (_, name) =>
        {
            if (name is not null)
            {
                names.Add(name);
            }
        });
        return error is null ? names : null;
    }

    /// <summary>
    /// The names <paramref name="text"/> uses that are neither built in nor <paramref name="known"/>, each once, in order;
    /// null with <paramref name="error"/> when the text is not a template (see <see cref="Names"/>).
    /// </summary>
    public static IReadOnlyList<string>? Unknown(string text, Func<string, bool> known, out string? error)
    {
        ArgumentNullException.ThrowIfNull(known);
        return Names(text, out error) is { } names
            ? [.. names.Distinct(StringComparer.Ordinal).Where(n => !BuiltIn.Contains(n) && !known(n))]
            : null;
    }

    /// <summary>
    /// The text with each name replaced by its value; null with <paramref name="missing"/> the first name
    /// <paramref name="value"/> has no value for.
    /// </summary>
    public static string? Render(string text, Func<string, string?> value, out string? missing)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(value);
        var output = new StringBuilder();
        string? absent = null;
        var error = Walk(text, (literal, name) =>
        {
            output.Append(literal);
            if (name is not null && absent is null)
            {
                if (value(name) is { } found)
                {
                    output.Append(found);
                }
                else
                {
                    absent = name;
                }
            }
        });
        missing = absent ?? (error is null ? null : text);
        return missing is null ? output.ToString() : null;
    }

    /// <summary>Hands each literal run and the name after it (null at the end) to <paramref name="visit"/>; returns a syntax error.</summary>
    private static string? Walk(string text, Action<string, string?> visit)
    {
        int at = 0;
        while (true)
        {
            int open = text.IndexOf("{{", at, StringComparison.Ordinal);
            if (open < 0)
            {
                visit(text[at..], null);
                return null;
            }

            int close = text.IndexOf("}}", open + 2, StringComparison.Ordinal);
            if (close < 0)
            {
                return $"'{{{{' at {open + 1} is never closed with '}}}}'";
            }

            var name = text[(open + 2)..close].Trim();
            if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                return $"'{{{{{text[(open + 2)..close]}}}}}' is not a variable name (letters, digits, - and _)";
            }

            visit(text[at..open], name);
            at = close + 2;
        }
    }
}
