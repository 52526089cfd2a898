using System.Net;

namespace PxeKit.Server.Leases;

/// <summary>
/// A lease store that several servers share (PostgreSQL): which client may have an address is decided by the store,
/// not by one process's memory, so two servers on one database never give one address to two clients. A lease's claim
/// is applied in order with the store's other writes (<see cref="ILeaseStore.SaveAsync"/>, <see cref="ILeaseStore.DeleteAsync"/>)
/// and grouped with them; an offer's hold is grouped with the other holds, never waiting for a lease's flush to disk. The
/// claims of many requests in flight at once share one transaction, each its own subtransaction. <see cref="LeasePool"/> uses it when its store has it; a store of one server (SQLite) has not, and
/// keeps its path.
/// </summary>
public interface ISharedLeaseStore : ILeaseStore
{
    /// <summary>
    /// Gives <paramref name="lease"/>'s address to its client until its expiry, unless another client holds the address
    /// and its row has not expired (by the database's clock). The client's previous row, if any, goes in the same
    /// transaction. <paramref name="bound"/>: an acknowledged lease (the task completes once it is durable); false, an
    /// offer's short hold. Completes once the claim is committed (durable when bound): true when it won, false when another
    /// client holds the address (nothing changed). Faults, as a write's task does, when the store cannot be reached.
    /// </summary>
    Task<bool> ClaimAsync(Lease lease, bool bound);

    /// <summary>The client's acknowledged lease (not an offer hold) as the store has it now, written by any server; null when none.</summary>
    Task<Lease?> FindAsync(ClientKey client);

    /// <summary>Who holds <paramref name="address"/> now (a row not expired), written by any server; null when nobody.</summary>
    Task<Lease?> HolderOfAsync(IPAddress address);
}
