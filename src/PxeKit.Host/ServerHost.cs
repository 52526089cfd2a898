using System.Net;
using Microsoft.Extensions.Logging;
using PxeKit.Core.Events;
using PxeKit.Diagnostics.Capture;
using PxeKit.Diagnostics.Engine;
using PxeKit.Diagnostics.Verdicts;
using PxeKit.Protocol.Dhcp;
using PxeKit.Server.Boot;
using PxeKit.Server.Dhcp;
using PxeKit.Server.Http;
using PxeKit.Server.Leases;
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

    /// <summary>
    /// Runs every listener until <paramref name="cancellationToken"/> is cancelled (then throws
    /// <see cref="OperationCanceledException"/>) or one of them ends, which ends them all (<see cref="ListenerGroup"/>:
    /// throws <see cref="ListenerStoppedException"/>); everything it opened is closed when it returns.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        // One server per lease database; then the lease store: it creates the database's directory, which the boot-once
        // store shares.
        using var held = settings.LeaseDb == ":memory:" ? null : LeaseDatabaseLock.Take(settings.LeaseDb);
        using var store = OpenLeaseStore(settings.LeaseDb);
        using var once = settings.LeaseDb == ":memory:" ? null : new SqliteBootOnceStore(settings.LeaseDb);
        var policy = new ProfileBootPolicy(settings.Profiles, settings.Ipxe, settings.HttpPort, (IBootOnceStore?)once ?? new InMemoryBootOnceStore());
        var journal = new BootJournal([.. sinks, new BootOnceTracker(policy)]);
        using var watcher = StartCapture(journal);
        using var diagnosis = LiveDiagnosis.Attach(journal, new EngineOptions
        {
            Interface = settings.Interface,
            ServerAddress = settings.ServerAddress.ToString(),
            Sockets = settings.Sockets,
            Firewall = HostFirewall.AskAsync,
        }, _time);
        using var dhcp = CreateDhcp(policy, store, journal);
        if (store is SqliteLeaseStore { SkippedRows: > 0 } read)
        {
            loggerFactory.CreateLogger<ServerHost>().LogWarning(
                "{Skipped} rows of the lease database {Database} cannot be read and were left out: those machines get new offers as they ask",
                read.SkippedRows,
                settings.LeaseDb);
        }

        var tftp = new TftpServer(
            new TftpServerOptions { Root = settings.Root, Interface = settings.Interface, Port = settings.TftpPort, AllowWrite = settings.AllowWrite, Limits = settings.TftpLimits },
            loggerFactory.CreateLogger<TftpServer>(),
            journal,
            _time);
        var http = settings.HttpPort is { } port
            ? new HttpBootServer(
                new HttpBootOptions { Root = settings.Root, Interface = settings.Interface, Port = port },
                new ProfileScriptSource(policy),
                loggerFactory,
                journal,
                _time)
            : null;

        using var listeners = new ListenerGroup(cancellationToken);
        WatchListeners(listeners);
        listeners.Start("TFTP", tftp.RunAsync);
        TftpEndPoint = tftp.LocalEndPoint;
        if (http is not null)
        {
            listeners.Start("HTTP", http.RunAsync);
        }

        if (dhcp is not null)
        {
            listeners.Start("DHCP", dhcp.RunAsync);
        }

        // Every listener is bound by now (DHCP in its constructor, TFTP and HTTP before RunAsync returns).
        var serving = string.Join(", ", new[] { dhcp is null ? null : "DHCP (67, 4011)", $"TFTP ({TftpEndPoint?.Port})", http is null ? null : $"HTTP ({settings.HttpPort})" }.OfType<string>());
        var status = $"serving {serving} on {settings.Interface}";
        var ready = new BootEvent
        {
            Time = _time.GetUtcNow(),
            Step = BootStep.ServerReady,
            Server = settings.ServerAddress.ToString(),
            Detail = status,
        };
        journal.Record(ready);
        Notifier?.Ready(status);
        using var stopping = SayStopping(cancellationToken);
        _ready.TrySetResult(ready);
        await listeners.RunAsync().ConfigureAwait(false);
    }

    private DhcpServer? CreateDhcp(IBootPolicy policy, ILeaseStore store, IBootJournal journal)
    {
        var addresses = new Dictionary<string, IPAddress>(StringComparer.Ordinal) { [settings.Interface] = settings.ServerAddress };
        IDhcpHandler? main = settings.Mode switch
        {
            ServeMode.Full when settings.Scopes.Count > 0 => new FullDhcpHandler(
                new DhcpScopes(settings.Scopes), new LeasePool(store, _time, settings.Scopes), policy, journal, loggerFactory.CreateLogger<FullDhcpHandler>(), _time),
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
                new DhcpBinding(settings.Interface, DhcpConstants.ServerPort, main),
                new DhcpBinding(settings.Interface, DhcpConstants.PxeServerPort, bootServer),
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
    private WireWatcher? StartCapture(BootJournal journal)
    {
        if (!settings.Capture)
        {
            return null;
        }

        var watcher = new WireWatcher(journal, loggerFactory.CreateLogger<WireWatcher>(), _time)
        {
            OnlyBootClients = settings.Mode is ServeMode.Proxy or ServeMode.None,
            ServerAddress = settings.ServerAddress,
        };
        if (!watcher.Start(settings.Interface))
        {
            watcher.Dispose();
            return null;
        }

        return watcher;
    }

    private static ILeaseStore OpenLeaseStore(string path) =>
        path == ":memory:" ? new InMemoryLeaseStore() : new SqliteLeaseStore(path);
}
