using PxeKit.Core.Events;

namespace PxeKit.Host.Management;

/// <summary>What the management API reads from, and changes in, the server it manages (the host gives it).</summary>
public interface IManagedServer
{
    /// <summary>The settings served now (reloaded, readdressed).</summary>
    ServeSettings Current { get; }

    /// <summary>Which PxeKit, since when, on which interfaces.</summary>
    StatusReply Status();

    /// <summary>Each scope's pool use, and every lease held now.</summary>
    LeaseList Leases();

    /// <summary>Whether the running configuration has a boot-once profile of this name.</summary>
    bool IsBootOnce(string profile);

    /// <summary>Marks a machine's boot-once profile used, or takes the mark away; stored, then journaled.</summary>
    void SetBootOnceUsed(string mac, string profile, bool used);

    /// <summary>Reads the configuration again and applies it, as SIGHUP does; the <c>ReloadApplied</c> or <c>ReloadRefused</c> event. Null: this server cannot reload (embedded without a configuration source).</summary>
    BootEvent? Reload();

    /// <summary>What the running configuration answers a described client; null with <paramref name="errors"/> when the description is not usable, or when nothing can explain here (<paramref name="errors"/> says so).</summary>
    ExplainReply? Explain(ExplainRequest request, List<string> errors);
}
