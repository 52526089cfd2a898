using System.Text;

namespace PxeKit.Core.Processes;

/// <summary>One external program with its arguments, passed verbatim (no shell is ever involved).</summary>
public sealed record Command(string FileName, IReadOnlyList<string> Arguments)
{
    public Command(string fileName, params string[] arguments)
        : this(fileName, (IReadOnlyList<string>)arguments)
    {
    }

    /// <summary>Where the command runs; null for the current directory.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>The same command with <paramref name="prefix"/> in front, e.g. <c>ip netns exec NS</c>.</summary>
    public Command Prefixed(params string[] prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        return new Command(prefix[0], [.. prefix.Skip(1), FileName, .. Arguments]);
    }

    /// <summary>The command as a POSIX shell would need it typed, for <c>--explain</c> and error messages.</summary>
    public string ToShell()
    {
        var text = new StringBuilder();
        if (WorkingDirectory is not null)
        {
            text.Append("cd ").Append(ShellQuoting.Quote(WorkingDirectory)).Append(" && ");
        }

        text.Append(ShellQuoting.Quote(FileName));
        foreach (var argument in Arguments)
        {
            text.Append(' ').Append(ShellQuoting.Quote(argument));
        }

        return text.ToString();
    }

    public override string ToString() => ToShell();
}
