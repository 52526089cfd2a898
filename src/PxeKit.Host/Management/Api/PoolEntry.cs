namespace PxeKit.Host.Management;

/// <summary>One scope's pool: its range (<c>10.0.2.100-10.0.2.200</c>), how many addresses it has, how many are leased.</summary>
public sealed record PoolEntry(string Scope, long Size, long Used);
