namespace PxeKit.Server.Leases.Postgres;

/// <summary>The PostgreSQL lease database could not be reached or logged into at start: nothing was served from it.</summary>
public sealed class LeaseDatabaseUnreachableException : Exception
{
    public LeaseDatabaseUnreachableException()
    {
    }

    public LeaseDatabaseUnreachableException(string message)
        : base(message)
    {
    }

    public LeaseDatabaseUnreachableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public LeaseDatabaseUnreachableException(PostgresLocation location, Exception innerException)
        : base(
            $"cannot open the lease database {location} (host {location?.Host}, port {location?.Port}, database {location?.Database}, user {location?.User}): {innerException?.Message}",
            innerException)
    {
        Location = location;
    }

    /// <summary>The database that could not be reached.</summary>
    public PostgresLocation? Location { get; }
}
