using System.Reflection;
using PxeKit.Core.Events;
using PxeKit.Host.Management;

namespace PxeKit.Host;

/// <summary>The host as the management API sees it (<see cref="IManagedServer"/>): its state read, and the operator's writes journaled.</summary>
internal sealed class ManagedHost(ServerHost host, ServingState shared, DateTimeOffset startedAt, TimeProvider time) : IManagedServer
{
    private static readonly string Version =
        typeof(ServerHost).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    public ServeSettings Current => host.Current;

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

    public BootEvent? Reload() => host.ReloadFromConfiguration?.Invoke();

    public ExplainReply? Explain(ExplainRequest request, List<string> errors)
    {
        if (host.Explainer is not { } explainer)
        {
            errors.Add("this server cannot explain: it runs without pxekit's explain engine");
            return null;
        }

        return explainer.Explain(request, host.Current, errors);
    }

    /// <summary>Addresses in numeric order.</summary>
    private sealed class AddressOrder : IComparer<byte[]>
    {
        public static readonly AddressOrder Instance = new();

        public int Compare(byte[]? x, byte[]? y) => x is null || y is null ? Comparer<byte[]?>.Default.Compare(x, y) : x.AsSpan().SequenceCompareTo(y);
    }
}
