using System.Net;
using Microsoft.Extensions.Logging;
using PxeKit.Core.Events;
using PxeKit.Core.Net;
using PxeKit.Diagnostics.Capture;
using PxeKit.Diagnostics.Engine;
using PxeKit.Diagnostics.Verdicts;
using PxeKit.Protocol.Dhcp;
using PxeKit.Server.Boot;
using PxeKit.Server.BootApi;
using PxeKit.Server.Dhcp;
using PxeKit.Server.Http;
using PxeKit.Server.Ipv6;
using PxeKit.Server.Leases;
using PxeKit.Server.Machines;
using PxeKit.Server.Leases.Postgres;
using PxeKit.Server.Tftp;

namespace PxeKit.Host;

/// <summary>
/// Everything <c>pxekit serve</c> runs, put together from the settings: DHCP (full or proxy, plus the
/// boot server on 4011), TFTP and HTTP over one root, one boot policy, one journal. A library host: <c>pxekit serve</c>
/// runs it until Ctrl-C with <see cref="RunAsync"/>; a program that embeds it (a test, say) starts it with
/// <see cref="StartAsync"/>, which returns once every listener is bound, and ends it with <see cref="StopAsync"/> or by
/// disposing it. Readiness is the journal's <see cref="BootStep.ServerReady"/> event, also as <see cref="Ready"/>.
/// </summary>
public sealed partial class ServerHost(ServeSettings settings, IReadOnlyList<IBootEventSink> sinks, ILoggerFactory loggerFactory)
{
    private readonly TimeProvider _time = TimeProvider.System;
    private readonly Func<string, InterfaceLink?> _probe = InterfaceLink.Probe;

    /// <summary>A host on <paramref name="time"/> that asks <paramref name="probe"/> about its interface (tests).</summary>
    internal ServerHost(ServeSettings settings, IReadOnlyList<IBootEventSink> sinks, ILoggerFactory loggerFactory, TimeProvider time, Func<string, InterfaceLink?> probe)
        : this(settings, sinks, loggerFactory)
    {
        _time = time;
        _probe = probe;
    }

    /// <summary>
    /// Runs every listener of every interface until <paramref name="cancellationToken"/> is cancelled (then throws
    /// <see cref="OperationCanceledException"/>) or one of them ends, which ends them all (<see cref="ListenerGroup"/>:
    /// throws <see cref="ListenerStoppedException"/>); everything it opened is closed when it returns. The listeners
    /// follow their interface: bound anew when it is created again or its address changes, closed while it is gone.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        // One server per lease file; several may share a PostgreSQL database (postgresql://USER@HOST:PORT/DB), which decides
        // who has each address (docs/scale-out.md). Then the lease store: it creates the file's directory, which the boot-once store shares. These, the boot policy and the journal
        // are one for every interface, and outlive every rebinding of the listeners.
        var postgres = PostgresLocation.IsUrl(settings.LeaseDb) ? PostgresLocation.Parse(settings.LeaseDb) : null;
        var file = postgres is null && settings.LeaseDb != ":memory:";
        using var heldFile = file ? LeaseDatabaseLock.Take(settings.LeaseDb) : null;
        using ILeaseStore store = postgres is not null ? new PostgresLeaseStore(postgres) : file ? new SqliteLeaseStore(settings.LeaseDb) : new InMemoryLeaseStore();
        using var onceInFile = file ? new SqliteBootOnceStore(settings.LeaseDb) : null;
        using var onceInDatabase = postgres is null ? null : new PostgresBootOnceStore(postgres);
        var once = (IBootOnceStore?)onceInDatabase ?? (IBootOnceStore?)onceInFile ?? new InMemoryBootOnceStore();
        using var machinesInFile = file ? new SqliteMachineOverrideStore(settings.LeaseDb) : null;
        using var machinesInDatabase = postgres is null ? null : new PostgresMachineOverrideStore(postgres);
        var machines = new MachineOverrides((IMachineOverrideStore?)machinesInDatabase ?? (IMachineOverrideStore?)machinesInFile ?? new InMemoryMachineOverrideStore());
        var policy = new ProfileBootPolicy(settings.Profiles, settings.Ipxe, settings.HttpPort, once, machines);
        var journal = new BootJournal([.. sinks, .. Metrics is null ? Array.Empty<IBootEventSink>() : [Metrics], new BootOnceTracker(policy)]);
        using var diagnosis = LiveDiagnosis.Attach(journal, new EngineOptions
        {
            Interface = settings.InterfaceNames,
            // Its own replies are how the diagnosis knows PxeKit on the wire; with several addresses it names none.
            ServerAddress = settings.Interfaces is [var only] ? only.Address.ToString() : null,
            Sockets = settings.Sockets,
            Firewall = HostFirewall.AskAsync,
        }, _time);
        if (store is SqliteLeaseStore { SkippedRows: > 0 } read)
        {
            loggerFactory.CreateLogger<ServerHost>().LogWarning(
                "{Skipped} rows of the lease database {Database} cannot be read and were left out: those machines get new offers as they ask",
                read.SkippedRows,
                settings.LeaseDb);
        }

        using var bootApi = settings.BootApi is { } api ? new BootApiClient(new BootApiOptions { Url = api, Timeout = settings.BootApiTimeout }, _time) : null;
        var shared = new ServingState(policy, store, new LeasePool(store, _time, settings.Scopes), journal, new DhcpScopes([])) { BootApi = bootApi, Machines = machines };
        ServeScopes(shared, settings);

        // Several servers on one database split the new clients among them; each joins once it knows its ranges.
        using var peers = postgres is not null && settings.Mode == ServeMode.Full
            ? new PostgresPeers(postgres, () => shared.Scopes.All, _time, loggerFactory.CreateLogger<PostgresPeers>())
            : null;
        shared = shared with { Peers = peers?.Split };
        Serving(shared);
        using var stopping = SayStopping(cancellationToken);
        using var management = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var managing = StartManagement(shared, management.Token);
        try
        {
            await ServeEveryInterfaceAsync(shared, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await management.CancelAsync().ConfigureAwait(false);
            await (managing ?? Task.CompletedTask).ConfigureAwait(false);
            Metrics?.ObservePools(null);
        }
    }

    /// <summary>
    /// Follows each interface on its own: one that is gone leaves the others serving. The first to fail (a listener's
    /// socket error) stops them all, and its reason is the host's.
    /// </summary>
    private async Task ServeEveryInterfaceAsync(ServingState shared, CancellationToken cancellationToken)
    {
        using var all = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var followed = settings.Interfaces
            .Select(nic => FollowInterfaceAsync(new InterfaceWatch(nic.Name, _probe, _time, settings.InterfacePoll), shared, all.Token))
            .ToList();
        var first = await Task.WhenAny(followed).ConfigureAwait(false);
        await all.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(followed).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The others end by cancellation once the first has ended; what counts is the first's reason, below.
        }

        cancellationToken.ThrowIfCancellationRequested();
        await first.ConfigureAwait(false);
    }

    /// <summary>
    /// Binds every listener on <paramref name="nic"/> as it is now (its address), journals
    /// <see cref="BootStep.ServerReady"/>, and runs them until <paramref name="cancellationToken"/> or one ends.
    /// </summary>
    private async Task ServeAsync(ServeSettings served, ServedInterface nic, ServingState shared, CancellationToken cancellationToken)
    {
        using var watcher = StartCapture(served, nic, shared.Journal);
        using var probe = OpenProbe(served, nic);
        using var dhcp = CreateDhcp(served, nic, shared, probe);
        using var ipv6 = OpenIpv6(served, nic, shared);
        using var routerAnswers = RouterAdvertiser.TryOpen(nic.Name, served.RouterAdvertisements, shared.Journal, loggerFactory.CreateLogger<RouterAdvertiser>(), _time);
        var (tftp, http) = CreateFileServers(served, nic, shared, ipv6: null);
        using var listeners = new ListenerGroup(cancellationToken);
        WatchListeners(listeners);
        listeners.Start("TFTP", tftp.RunAsync);
        if (http is not null)
        {
            listeners.Start("HTTP", http.RunAsync);
        }

        if (dhcp is not null)
        {
            listeners.Start("DHCP", dhcp.RunAsync);
        }

        ipv6?.Start(listeners);
        if (routerAnswers is not null)
        {
            listeners.Start("IPv6 router advertisements", routerAnswers.RunAsync);
        }

        // Every listener is bound by now (DHCP in its constructor, TFTP and HTTP before RunAsync returns).
        var serving = string.Join(", ", new[] { dhcp is null ? null : "DHCP (67, 4011)", $"TFTP ({tftp.LocalEndPoint?.Port})", http is null ? null : $"HTTP ({served.HttpPort})" }.OfType<string>());
        var status = $"serving {serving} on {nic.Name}";
        var ready = new BootEvent
        {
            Time = _time.GetUtcNow(),
            Step = BootStep.ServerReady,
            Server = nic.Address.ToString(),
            Detail = status,
        };
        shared.Journal.Record(ready);
        Bound(nic, tftp.LocalEndPoint, ready, status);
        await listeners.RunAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// TFTP and HTTP on <paramref name="nic"/>, registered for reloads: over IPv4 on the interface (HTTP on its address), or
    /// with <paramref name="ipv6"/> over IPv6, HTTP on that address, which the scripts' URLs then name.
    /// </summary>
    private (TftpServer Tftp, HttpBootServer? Http) CreateFileServers(ServeSettings served, ServedInterface nic, ServingState shared, IPAddress? ipv6)
    {
        var tftp = new TftpServer(
            new TftpServerOptions
            {
                Root = served.Root, Interface = nic.Name, ListenAddress = ipv6 is null ? IPAddress.Any : IPAddress.IPv6Any, Port = served.TftpPort,
                AllowWrite = served.AllowWrite, Limits = served.TftpLimits, Generated = new GrubConfigFiles(shared.Policy, nic.Name),
            },
            loggerFactory.CreateLogger<TftpServer>(),
            shared.Journal,
            _time);
        var http = served.HttpPort is { } port
            ? new HttpBootServer(
                ipv6 is null
                    ? new HttpBootOptions { Root = served.Root, Interface = nic.Name, Port = port, Connections = served.HttpConnections }
                    : new HttpBootOptions
                    {
                        Root = served.Root, ListenAddress = ipv6, Port = port, Connections = served.HttpConnections,
                        MoreAddresses = InterfaceIpv6Address.FindLinkLocal(nic.Name) is { } linkLocal ? [linkLocal] : [],
                    },
                BootApiScriptSource.Over(shared.BootApi, new ProfileScriptSource(shared.Policy, nic.Name, ipv6 ?? nic.Address, shared.Journal, _time), shared.Journal, _time),
                loggerFactory,
                shared.Journal,
                _time)
            : null;
        Serving(ipv6 is null ? nic.Name : nic.Name + " (IPv6)", tftp, http);
        return (tftp, http);
    }

    /// <summary>
    /// The ARP probe of the served link (RFC 2131 section 4.4.1), opened with the listeners (so a re-created interface
    /// gets a new one): it needs CAP_NET_RAW. Null in proxy mode, when probing is off, or when it cannot be opened (then
    /// a warning says addresses go out unprobed).
    /// </summary>
    private ArpAddressProbe? OpenProbe(ServeSettings served, ServedInterface nic) =>
        served.Mode == ServeMode.Full && served.Scopes.Any(s => s.ProbeBeforeOffer && s.RelayedNetwork is null && s.Interface == nic.Name)
            ? ArpAddressProbe.TryOpen(nic.Name, loggerFactory.CreateLogger<ArpAddressProbe>(), _time)
            : null;

    /// <summary>
    /// The DHCP listeners of one interface (67 and 4011). In full mode its handler shares the scopes and the lease pool of
    /// every interface (a request is served from the scope of the interface it arrived on, or of its relay).
    /// </summary>
    private DhcpServer? CreateDhcp(ServeSettings served, ServedInterface nic, ServingState shared, ArpAddressProbe? probe)
    {
        var (policy, journal) = (shared.Policy, shared.Journal);
        var addresses = new Dictionary<string, IPAddress>(StringComparer.Ordinal) { [nic.Name] = nic.Address };
        IDhcpHandler? main = served.Mode switch
        {
            ServeMode.Full when served.Scopes.Count > 0 => new FullDhcpHandler(
                shared.Scopes, shared.Pool, policy, journal, loggerFactory.CreateLogger<FullDhcpHandler>(), _time,
                probe is null ? null : new OfferProbes(probe, _time), shared.Peers),
            ServeMode.Proxy => new ProxyDhcpHandler(addresses, policy, journal, loggerFactory.CreateLogger<ProxyDhcpHandler>(), _time),
            _ => null,
        };
        if (main is null)
        {
            return null;
        }

        var bootServer = new BootServerHandler(addresses, policy, journal, loggerFactory.CreateLogger<BootServerHandler>(), _time);
        return new DhcpServer(
            [
                new DhcpBinding(nic.Name, DhcpConstants.ServerPort, main),
                new DhcpBinding(nic.Name, DhcpConstants.PxeServerPort, bootServer),
            ],
            journal,
            loggerFactory,
            settings.RateLimit,
            _time);
    }

    /// <summary>
    /// The packet capture beside the sockets, whose events let the diagnosis tell a dropped request from one that
    /// never came; null when capture is off or impossible here (the server then runs without it, and says so).
    /// </summary>
    private WireWatcher? StartCapture(ServeSettings served, ServedInterface nic, BootJournal journal)
    {
        if (!served.Capture)
        {
            return null;
        }

        var watcher = new WireWatcher(journal, loggerFactory.CreateLogger<WireWatcher>(), _time)
        {
            OnlyBootClients = served.Mode is ServeMode.Proxy or ServeMode.None,
            ServerAddress = nic.Address,
        };
        if (!watcher.Start(nic.Name))
        {
            watcher.Dispose();
            return null;
        }

        return watcher;
    }
}
