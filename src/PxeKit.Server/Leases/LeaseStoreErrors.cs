using Microsoft.Data.Sqlite;
using PxeKit.Core.Events;

namespace PxeKit.Server.Leases;

/// <summary>What a lease write's error means for serving: a full disk, or another write failure.</summary>
public static class LeaseStoreErrors
{
    /// <summary>SQLite's result code for a full database or disk (SQLite's Unix layer turns ENOSPC into it).</summary>
    private const int SqliteFull = 13;

    /// <summary>ENOSPC on Linux, as an <see cref="IOException"/>'s HResult carries it.</summary>
    private const int NoSpace = 28;

    /// <summary>PostgreSQL's SQLSTATE for a full disk on the database server (class 53, insufficient resources).</summary>
    private const string PostgresDiskFull = "53100";

    /// <summary>
    /// Whether <paramref name="error"/> is the store failing (the database unreachable or refusing the write), as
    /// opposed to a defect: a caller that can go on without the store catches these and no other.
    /// </summary>
    public static bool IsStoreFailure(Exception error) =>
        error is Npgsql.NpgsqlException or SqliteException or IOException or TimeoutException;

    public static LeaseStoreFailure Classify(Exception error) => error switch
    {
        SqliteException { SqliteErrorCode: SqliteFull } => LeaseStoreFailure.DiskFull,
        IOException io when (io.HResult & 0xffff) == NoSpace => LeaseStoreFailure.DiskFull,
        Npgsql.PostgresException { SqlState: PostgresDiskFull } => LeaseStoreFailure.DiskFull,
        _ => LeaseStoreFailure.WriteFailed,
    };
}
