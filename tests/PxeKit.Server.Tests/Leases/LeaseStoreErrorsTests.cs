using Microsoft.Data.Sqlite;
using Npgsql;
using PxeKit.Core.Events;
using PxeKit.Server.Leases;

namespace PxeKit.Server.Tests.Leases;

/// <summary>A full disk is told apart from another write failure, whichever store wrote (issue 13, issue 17).</summary>
public sealed class LeaseStoreErrorsTests
{
    [Fact]
    public void A_full_disk_is_a_full_disk_in_sqlite_in_a_file_and_in_postgresql()
    {
        Assert.Equal(LeaseStoreFailure.DiskFull, LeaseStoreErrors.Classify(new SqliteException("database or disk is full", 13)));
        Assert.Equal(LeaseStoreFailure.DiskFull, LeaseStoreErrors.Classify(new IOException("No space left on device", 28)));
        Assert.Equal(LeaseStoreFailure.DiskFull, LeaseStoreErrors.Classify(new PostgresException("could not extend file", "ERROR", "ERROR", "53100")));
    }

    [Fact]
    public void Anything_else_is_a_failed_write()
    {
        Assert.Equal(LeaseStoreFailure.WriteFailed, LeaseStoreErrors.Classify(new PostgresException("duplicate key", "ERROR", "ERROR", "23505")));
        Assert.Equal(LeaseStoreFailure.WriteFailed, LeaseStoreErrors.Classify(new InvalidOperationException()));
    }
}
