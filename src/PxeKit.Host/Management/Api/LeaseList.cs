namespace PxeKit.Host.Management;

/// <summary><c>GET /api/v1/leases</c>: each scope's pool use, and every lease held now.</summary>
public sealed record LeaseList(IReadOnlyList<PoolEntry> Pools, IReadOnlyList<LeaseEntry> Leases);
