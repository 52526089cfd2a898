using System.Buffers;

namespace PxeKit.Core.Processes;

/// <summary>Quotes words for a POSIX shell, only when they need it.</summary>
public static class ShellQuoting
{
    private static readonly SearchValues<char> Safe =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789@%+=:,./-_");

    public static string Quote(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Length > 0 && !word.AsSpan().ContainsAnyExcept(Safe))
        {
            return word;
        }

        return "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }
}
