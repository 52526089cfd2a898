namespace PxeKit.Server.Leases;

/// <summary>The lease database is not an SQLite database, or SQLite found it corrupt: named, with the way to recover.</summary>
public sealed class LeaseDatabaseDamagedException : Exception
{
    public LeaseDatabaseDamagedException()
    {
    }

    public LeaseDatabaseDamagedException(string message)
        : base(message)
    {
    }

    public LeaseDatabaseDamagedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public LeaseDatabaseDamagedException(string database, string reason, Exception innerException)
        : base($"the lease database {database} is damaged ({reason}): move it aside (mv {database} {database}.damaged) and start again; "
            + "machines keep their addresses as they renew, and `pxekit leases audit` can check the old file against a capture", innerException)
    {
        Database = database;
    }

    public string Database { get; } = "";
}
