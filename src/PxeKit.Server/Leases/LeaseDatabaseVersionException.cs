namespace PxeKit.Server.Leases;

/// <summary>The lease database was written by a newer PxeKit, with a schema this one does not know: it is left as it is.</summary>
public sealed class LeaseDatabaseVersionException : Exception
{
    public LeaseDatabaseVersionException()
    {
    }

    public LeaseDatabaseVersionException(string message)
        : base(message)
    {
    }

    public LeaseDatabaseVersionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public LeaseDatabaseVersionException(string database, long found, int known)
        : base($"the lease database {database} has schema version {found}, newer than the {known} this pxekit knows: it was written by a newer pxekit, so run that one, or give this one another --lease-db")
    {
        Database = database;
        Found = found;
    }

    public string Database { get; } = "";

    /// <summary>The file's <c>PRAGMA user_version</c>.</summary>
    public long Found { get; }
}
