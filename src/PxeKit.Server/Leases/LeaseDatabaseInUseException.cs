namespace PxeKit.Server.Leases;

/// <summary>Another process serves from the same lease database.</summary>
public sealed class LeaseDatabaseInUseException : Exception
{
    public LeaseDatabaseInUseException()
    {
    }

    public LeaseDatabaseInUseException(string message)
        : base(message)
    {
    }

    public LeaseDatabaseInUseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public LeaseDatabaseInUseException(string database, int? holder)
        : base($"the lease database {database} is in use by another pxekit serve{(holder is { } pid ? $" (PID {pid})" : "")}: "
            + "two servers on one lease file would hand out the same addresses; stop the other one, or give this one its own --lease-db")
    {
        Database = database;
        Holder = holder;
    }

    public string Database { get; } = "";

    /// <summary>The other server's PID, when its lock file says it.</summary>
    public int? Holder { get; }
}
