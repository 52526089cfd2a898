using PxeKit.Core.Events;
using PxeKit.Server.Boot;
using PxeKit.Server.BootApi;
using PxeKit.Server.Dhcp;
using PxeKit.Server.Leases;
using PxeKit.Server.Machines;

namespace PxeKit.Host;

/// <summary>
/// What the host keeps while its listeners are bound anew, and through a reload, one for every interface: the leases
/// (their store, and the pool that hands them out), the boot policy (and its boot-once state), the journal, and the DHCP
/// scopes the handlers read (replaced by a reload or a new address, with the reservations set through the API: the
/// operator's per-machine settings), and the external boot API's client (its cache), when
/// there is one.
/// </summary>
internal sealed record ServingState(ProfileBootPolicy Policy, ILeaseStore Store, LeasePool Pool, BootJournal Journal, DhcpScopes Scopes)
{
    /// <summary>The operator's per-machine settings (reservations, boot-local), kept in the lease database.</summary>
    public MachineOverrides Machines { get; init; } = new(new InMemoryMachineOverrideStore());

    public BootApiClient? BootApi { get; init; }

    /// <summary>The servers sharing a PostgreSQL lease database, which split new clients among them; null with a lease store of its own.</summary>
    public PeerServers? Peers { get; init; }
}
