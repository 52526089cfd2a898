using PxeKit.Core.Events;
using PxeKit.Server.Boot;
using PxeKit.Server.Files;
using PxeKit.Server.Http;
using PxeKit.Server.Machines;
using PxeKit.Server.Tftp;

namespace PxeKit.Host;

/// <summary>
/// A reload (SIGHUP, <c>systemctl reload</c>): the configuration read again replaces the running one whole, for the
/// next request; nothing is bound anew. The boot policy and the DHCP scopes are swapped (each reads one snapshot per
/// request); the lease store, the boot-once marks, the listeners and the transfers in flight stay as they are. TFTP and
/// HTTP serve new transfers from the new root; one in flight finishes from the old. What the listeners were opened with
/// (<see cref="ReloadChanges"/>) needs a restart, and is reported, not applied.
/// </summary>
/// <remarks>
/// systemd's reload handshake (RELOADING=1, then READY=1) belongs to Type=notify-reload, which Debian 12's systemd 252
/// does not have: with Type=notify, ExecReload's <c>kill -HUP</c> returns at once, and the journal says when it is done.
/// </remarks>
public sealed partial class ServerHost
{
    private readonly Lock _gate = new();
    private ServeSettings? _live;
    private ServingState? _shared;
    private readonly Dictionary<string, (TftpServer Tftp, HttpBootServer? Http)> _files = new(StringComparer.Ordinal);

    /// <summary>The settings the host serves now: those it started with, reloaded, readdressed.</summary>
    public ServeSettings Current
    {
        get
        {
            lock (_gate)
            {
                return _live ?? settings;
            }
        }
    }

    /// <summary>
    /// Serves <paramref name="next"/> (read and validated by the caller) from the next request on, except what needs a
    /// restart; journals <see cref="BootStep.ReloadApplied"/> with what changed, and returns that event. Before the host
    /// serves, it changes nothing and journals <see cref="BootStep.ReloadRefused"/>.
    /// </summary>
    public BootEvent Reload(ServeSettings next)
    {
        ArgumentNullException.ThrowIfNull(next);
        lock (_gate)
        {
            if (_shared is not { } shared)
            {
                return RefuseReload(["the server is still starting: nothing was reloaded; send the signal again once it serves"]);
            }

            var running = _live ?? settings;
            var facts = ReloadChanges.Compare(running, next);
            var applied = ReloadChanges.Applied(running, next);
            shared.Policy.Replace(applied.Profiles, applied.Ipxe);
            ServeScopes(shared, applied);
            _live = applied;
            ServeFiles(applied);
            var reloaded = new BootEvent
            {
                Time = _time.GetUtcNow(),
                Step = BootStep.ReloadApplied,
                Server = running.Interfaces[0].Address.ToString(),
                Reload = facts,
                Detail = Describe(facts),
            };
            shared.Journal.Record(reloaded);
            return reloaded;
        }
    }

    /// <summary>
    /// The one place the handlers are given their scopes (at start, after a reload, a new address, or a change of the
    /// reservations set through the API): those of <paramref name="served"/>, with the API's reservations added.
    /// </summary>
    private static void ServeScopes(ServingState shared, ServeSettings served) =>
        shared.Scopes.Replace(MachineReservations.Apply(served.Scopes, shared.Machines.All));

    /// <summary>The reservations set through the API changed: the handlers see them from the next request.</summary>
    internal void ServeMachinesChanged()
    {
        lock (_gate)
        {
            if (_shared is { } shared)
            {
                ServeScopes(shared, _live ?? settings);
            }
        }
    }

    /// <summary>
    /// The configuration read again has mistakes (<paramref name="errors"/>, every one): journals
    /// <see cref="BootStep.ReloadRefused"/>, keeps the running configuration, and returns the event.
    /// </summary>
    public BootEvent RefuseReload(IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var refused = new BootEvent
        {
            Time = _time.GetUtcNow(),
            Step = BootStep.ReloadRefused,
            Reload = new ReloadFacts { Errors = errors },
            Detail = $"configuration not reloaded, the running one is kept: {string.Join("; ", errors)}",
        };
        lock (_gate)
        {
            _shared?.Journal.Record(refused);
        }

        return refused;
    }

    /// <summary>
    /// The running settings with the new address of the interface <paramref name="name"/>, in its scopes too; the handlers
    /// see them from now on. Returns them, and the interface as they have it.
    /// </summary>
    private (ServeSettings Served, ServedInterface Nic) Readdress(string name, System.Net.IPAddress address)
    {
        lock (_gate)
        {
            var served = Readdressed(_live ?? settings, name, address);
            if (_shared is { } shared)
            {
                ServeScopes(shared, served);
            }

            _live = served;
            return (served, served.Interfaces.First(i => i.Name == name));
        }
    }

    /// <summary>
    /// The file servers of this binding of the listeners of the interface <paramref name="name"/>: a reload gives them the
    /// root (and TFTP's writes) for new transfers. Given the running settings at once, for a reload that came while they
    /// were being built.
    /// </summary>
    private void Serving(string name, TftpServer tftp, HttpBootServer? http)
    {
        lock (_gate)
        {
            _files[name] = (tftp, http);
            ServeFiles(_live ?? settings);
        }
    }

    private void ServeFiles(ServeSettings served)
    {
        var templates = Templates(served, _shared);
        foreach (var (tftp, http) in _files.Values)
        {
            tftp.Reconfigure(served.Root, served.AllowWrite, templates);
            http?.Reconfigure(served.Root, templates);
        }
    }

    /// <summary>
    /// The templates directory of <paramref name="served"/>, whose files TFTP and HTTP render for each client: its MAC is
    /// that of the lease on its address, the rest what the boot policy remembers of that MAC. Null when there is none.
    /// </summary>
    private static FileTemplates? Templates(ServeSettings served, ServingState? shared)
    {
        if (served.Templates is not { } directory || shared is null)
        {
            return null;
        }

        var pool = shared.Pool;
        return new FileTemplates(served.Root, directory, new ClientFileVariables(shared.Policy, address =>
        {
            lock (pool.Gate)
            {
                return pool.MacAt(address);
            }
        }));
    }

    private void Serving(ServingState shared)
    {
        lock (_gate)
        {
            _shared = shared;
        }
    }

    private static string Describe(ReloadFacts facts)
    {
        var parts = new List<string>();
        if (facts.ProfilesAdded.Count > 0)
        {
            parts.Add($"profiles added: {string.Join(", ", facts.ProfilesAdded)}");
        }

        if (facts.ProfilesRemoved.Count > 0)
        {
            parts.Add($"profiles removed: {string.Join(", ", facts.ProfilesRemoved)}");
        }

        if (facts.ProfilesChanged.Count > 0)
        {
            parts.Add($"profiles changed: {string.Join(", ", facts.ProfilesChanged)}");
        }

        if (facts.ScopesChanged.Count > 0)
        {
            parts.Add($"scopes changed: {string.Join(", ", facts.ScopesChanged)}");
        }

        if (facts.Applied.Contains(ReloadSetting.Ipxe))
        {
            parts.Add("iPXE builds changed");
        }

        if (facts.Applied.Contains(ReloadSetting.Root))
        {
            parts.Add("new transfers are served from the new root");
        }

        if (facts.Applied.Contains(ReloadSetting.AllowWrite))
        {
            parts.Add("TFTP writes changed");
        }

        if (facts.NeedsRestart.Count > 0)
        {
            parts.Add($"needs a restart, kept as it was: {string.Join(", ", facts.NeedsRestart)}");
        }

        return parts.Count == 0 ? "configuration reloaded: nothing changed" : $"configuration reloaded: {string.Join("; ", parts)}";
    }
}
