namespace PxeKit.Cli.Explain;

/// <summary>What <c>explain</c> prints, whether the client got an answer, and the profile it matched (null: none).</summary>
internal sealed record ExplainReport(string Text, bool Answered, string? Profile);
