namespace PxeKit.Core.Events;

/// <summary>Why the lease store could not make a lease durable.</summary>
public enum LeaseStoreFailure
{
    /// <summary>The disk (or the database's size limit) is full: SQLITE_FULL, ENOSPC.</summary>
    DiskFull,

    /// <summary>Any other write error: an I/O error, a read-only file system.</summary>
    WriteFailed,
}
