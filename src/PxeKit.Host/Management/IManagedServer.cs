using PxeKit.Core.Events;

namespace PxeKit.Host.Management;

/// <summary>What the management API reads from, and changes in, the server it manages (the host gives it).</summary>
public interface IManagedServer
{
    /// <summary>The settings served now (reloaded, readdressed).</summary>
    ServeSettings Current { get; }

    /// <summary>The DHCP scopes the handlers answer from now: <see cref="Current"/>'s, with the reservations set through the API.</summary>
    IReadOnlyList<PxeKit.Server.Dhcp.DhcpScope> ServedScopes { get; }

    /// <summary>Which PxeKit, since when, on which interfaces.</summary>
    StatusReply Status();

    /// <summary>Each scope's pool use, and every lease held now.</summary>
    LeaseList Leases();

    /// <summary>Whether the running configuration has a boot-once profile of this name.</summary>
    bool IsBootOnce(string profile);

    /// <summary>Marks a machine's boot-once profile used, or takes the mark away; stored, then journaled.</summary>
    void SetBootOnceUsed(string mac, string profile, bool used);

    /// <summary>The operator's settings of <paramref name="mac"/> (canonical) set through the API, or null.</summary>
    PxeKit.Server.Machines.MachineOverride? Machine(string mac);

    /// <summary>
    /// Reserves <paramref name="address"/> for <paramref name="mac"/> (canonical), checked as the configuration's reservations
    /// are; stored, journaled and served from the next request when <see cref="ReservationOutcome.Stored"/>, else every
    /// problem in <paramref name="problems"/>.
    /// </summary>
    ReservationOutcome Reserve(string mac, System.Net.IPAddress address, string? hostName, List<string> problems);

    /// <summary>Removes the machine's reservation set through the API (stored, then journaled); false when it has none.</summary>
    bool Unreserve(string mac);

    /// <summary>Sends the machine to its local disk before any profile, or stops doing so; stored, then journaled.</summary>
    void SetBootLocal(string mac, bool on);

    /// <summary>Reads the configuration again and applies it, as SIGHUP does; the <c>ReloadApplied</c> or <c>ReloadRefused</c> event. Null: this server cannot reload (embedded without a configuration source).</summary>
    BootEvent? Reload();

    /// <summary>What the running configuration answers a described client; null with <paramref name="errors"/> when the description is not usable, or when nothing can explain here (<paramref name="errors"/> says so).</summary>
    ExplainReply? Explain(ExplainRequest request, List<string> errors);
}
