namespace PxeKit.Cli.Explain;

/// <summary>What <c>explain</c> prints, and whether the client got an answer.</summary>
internal sealed record ExplainReport(string Text, bool Answered);
