using PxeKit.Core.Events;
using PxeKit.Server.Boot;
using PxeKit.Server.Leases;

namespace PxeKit.Host;

/// <summary>What the host keeps while its listeners are bound anew: the leases, the boot policy (and its boot-once state), the journal.</summary>
internal sealed record ServingState(ProfileBootPolicy Policy, ILeaseStore Store, BootJournal Journal);
