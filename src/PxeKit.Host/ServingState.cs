using PxeKit.Core.Events;
using PxeKit.Server.Boot;
using PxeKit.Server.BootApi;
using PxeKit.Server.Dhcp;
using PxeKit.Server.Leases;

namespace PxeKit.Host;

/// <summary>
/// What the host keeps while its listeners are bound anew, and through a reload, one for every interface: the leases
/// (their store, and the pool that hands them out), the boot policy (and its boot-once state), the journal, and the DHCP
/// scopes the handlers read (replaced by a reload or a new address), and the external boot API's client (its cache), when
/// there is one.
/// </summary>
internal sealed record ServingState(ProfileBootPolicy Policy, ILeaseStore Store, LeasePool Pool, BootJournal Journal, DhcpScopes Scopes)
{
    public BootApiClient? BootApi { get; init; }
}
