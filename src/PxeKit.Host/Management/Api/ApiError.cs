namespace PxeKit.Host.Management;

/// <summary>A refused request's body: what was wrong, and each problem found when there are several.</summary>
public sealed record ApiError(string Error, IReadOnlyList<string>? Problems = null);
