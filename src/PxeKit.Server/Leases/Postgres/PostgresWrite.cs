namespace PxeKit.Server.Leases.Postgres;

/// <summary>One entry of the PostgreSQL store's write queue: a lease saved or deleted, or a claim.</summary>
internal readonly record struct PostgresWrite(LeaseWrite? Write, LeaseClaim? Claim);
