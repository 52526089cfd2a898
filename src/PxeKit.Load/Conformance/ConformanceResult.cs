namespace PxeKit.Load.Conformance;

/// <summary>One case's result against one server, as written to <c>--json</c> and read back by <c>--compare</c>.</summary>
public sealed record ConformanceResult(string Id, string Section, ConformanceLevel Level, ConformanceOutcome Outcome, string Seen, double Seconds);
