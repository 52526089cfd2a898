using System.Net;
using System.Reflection;
using PxeKit.Core.Events;
using PxeKit.Host.Management;
using PxeKit.Server.Boot;
using PxeKit.Server.Machines;

namespace PxeKit.Host;

/// <summary>The host as the management API sees it (<see cref="IManagedServer"/>): its state read, and the operator's writes journaled.</summary>
internal sealed class ManagedHost(ServerHost host, ServingState shared, DateTimeOffset startedAt, TimeProvider time) : IManagedServer
{
    private static readonly string Version =
        typeof(ServerHost).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    public ServeSettings Current => host.Current;

    public IReadOnlyList<PxeKit.Server.Dhcp.DhcpScope> ServedScopes => shared.Scopes.All;

    public StatusReply Status()
    {
        var current = host.Current;
        return new StatusReply(Version, startedAt, [.. current.Interfaces.Select(i => new InterfaceEntry(i.Name, i.Address.ToString()))], current.Mode);
    }

    public LeaseList Leases()
    {
        var now = time.GetUtcNow();
        lock (shared.Pool.Gate)
        {
            var pools = shared.Pool.Use(shared.Scopes.All).Select(u => new PoolEntry(u.Scope, u.Size, u.Leased));
            var leases = shared.Pool.Leases
                .Where(l => l.Expires > now)
                .OrderBy(l => l.Address.GetAddressBytes(), AddressOrder.Instance)
                .Select(l => new LeaseEntry(l.Mac, l.Address.ToString(), l.Expires, l.HostName));
            return new LeaseList([.. pools], [.. leases]);
        }
    }

    public bool IsBootOnce(string profile) => shared.Policy.IsBootOnce(profile);

    public void SetBootOnceUsed(string mac, string profile, bool used)
    {
        shared.Policy.SetBootOnceUsed(mac, profile, used);
        shared.Journal.Record(new BootEvent
        {
            Time = time.GetUtcNow(),
            Step = used ? BootStep.BootOnceUsed : BootStep.BootOnceCleared,
            Mac = mac,
            Profile = profile,
            Detail = used
                ? $"boot-once profile {profile} marked used by the management API: the machine no longer gets it"
                : $"boot-once mark of profile {profile} taken away by the management API: the machine gets it on its next boot",
        });
    }

    public MachineOverride? Machine(string mac) => shared.Machines.Find(mac);

    public ReservationOutcome Reserve(string mac, IPAddress address, string? hostName, List<string> problems)
    {
        var invalid = new List<string>();
        var conflicts = new List<string>();
        var now = time.GetUtcNow();
        lock (shared.Pool.Gate)
        {
            var leasedTo = shared.Pool.Leases.FirstOrDefault(l => l.Address.Equals(address) && l.Expires > now && l.Mac != mac)?.Mac;
            MachineReservations.Check(host.Current.Scopes, shared.Machines.All, mac, address, hostName, leasedTo, invalid, conflicts);
            if (invalid.Count > 0 || conflicts.Count > 0)
            {
                problems.AddRange(invalid);
                problems.AddRange(conflicts);
                return invalid.Count > 0 ? ReservationOutcome.Invalid : ReservationOutcome.Conflict;
            }

            // Stored and served before the pool is let go: no other machine is offered the address in between.
            shared.Machines.Change(mac, m => m with { Address = address, HostName = hostName });
            host.ServeMachinesChanged();
        }

        Journal(BootStep.ReservationSet, mac, address, null, $"{address} reserved for {mac}{(hostName is null ? "" : $" (host name {hostName})")} by the management API: its next DHCP exchange gets it");
        return ReservationOutcome.Stored;
    }

    public bool Unreserve(string mac)
    {
        if (shared.Machines.Find(mac)?.Address is not { } address)
        {
            return false;
        }

        shared.Machines.Change(mac, m => m with { Address = null, HostName = null });
        host.ServeMachinesChanged();
        Journal(BootStep.ReservationRemoved, mac, address, null, $"reservation of {address} for {mac} removed by the management API: it gets a pool address again");
        return true;
    }

    public void SetBootLocal(string mac, bool on)
    {
        shared.Machines.Change(mac, m => m with { BootLocal = on });
        Journal(
            on ? BootStep.BootLocalSet : BootStep.BootLocalCleared,
            mac,
            null,
            on ? ProfileBootPolicy.BootLocalProfile.Name : null,
            on
                ? $"{mac} set to boot from its local disk by the management API, before every profile"
                : $"boot-local setting of {mac} cleared by the management API: its profiles answer it again");
    }

    private void Journal(BootStep step, string mac, IPAddress? address, string? profile, string detail) =>
        shared.Journal.Record(new BootEvent
        {
            Time = time.GetUtcNow(),
            Step = step,
            Mac = mac,
            Address = address?.ToString(),
            Profile = profile,
            Detail = detail,
        });

    public BootEvent? Reload() => host.ReloadFromConfiguration?.Invoke();

    public ExplainReply? Explain(ExplainRequest request, List<string> errors)
    {
        if (host.Explainer is not { } explainer)
        {
            errors.Add("this server cannot explain: it runs without pxekit's explain engine");
            return null;
        }

        return explainer.Explain(request, host.Current, shared.Machines, errors);
    }

    /// <summary>Addresses in numeric order.</summary>
    private sealed class AddressOrder : IComparer<byte[]>
    {
        public static readonly AddressOrder Instance = new();

        public int Compare(byte[]? x, byte[]? y) => x is null || y is null ? Comparer<byte[]?>.Default.Compare(x, y) : x.AsSpan().SequenceCompareTo(y);
    }
}
