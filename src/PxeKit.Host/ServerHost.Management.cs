using PxeKit.Core.Events;
using PxeKit.Core.Metrics;
using PxeKit.Host.Management;

namespace PxeKit.Host;

/// <summary>
/// The metrics (<see cref="BootMetrics"/>, counted from every event) and the management listener that serves them, one
/// for the whole host: it outlives every rebinding of the interfaces' listeners.
/// </summary>
public sealed partial class ServerHost
{
    /// <summary>Counts what the host journals; its pools are observed while the host runs. Null: no metrics.</summary>
    public BootMetrics? Metrics { get; init; }

    /// <summary>What <c>POST /api/v1/explain</c> answers with (<c>pxekit explain</c>'s engine); null: the API says it cannot.</summary>
    public IClientExplainer? Explainer { get; init; }

    /// <summary>
    /// Reads the configuration again and hands it to <see cref="Reload"/> or <see cref="RefuseReload"/>, returning the event
    /// (what SIGHUP does; set by the command line that knows the configuration file). Null: <c>POST /api/v1/reload</c> is refused.
    /// </summary>
    public Func<BootEvent>? ReloadFromConfiguration { get; set; }

    /// <summary>The machines' recent events and verdicts, as the management API shows them; null before the host serves or without a management listener.</summary>
    public ClientHistory? History { get; private set; }

    /// <summary>Where the management listener is bound (its port when the settings' is 0); null when it is off or before it is.</summary>
    public System.Net.IPEndPoint? ManagementEndPoint { get; private set; }

    /// <summary>
    /// Starts the management listener when the settings have one (bound before this returns: a port in use stops the
    /// host at start), and has the metrics read the pools' use; returns the listener's run, or null.
    /// </summary>
    private Task? StartManagement(ServingState shared, CancellationToken cancellationToken)
    {
        Metrics?.ObservePools(() => shared.Pool.Use(shared.Scopes.All));
        if (Metrics is null || settings.Management is not { } options)
        {
            return null;
        }

        var exposition = new PrometheusExposition(Metrics.Meter);
        var history = new ClientHistory();
        var feed = new EventFeed();
        shared.Journal.Attach(history);
        shared.Journal.Attach(feed);
        History = history;
        var api = new ManagementApi(new ManagedHost(this, shared, _time.GetUtcNow(), _time), history, feed);
        Task running;
        try
        {
            var server = new ManagementServer(options, exposition, loggerFactory, api);
            running = server.RunAsync(cancellationToken);
            ManagementEndPoint = server.LocalEndPoint;
        }
        catch (Exception)
        {
            exposition.Dispose();
            throw;
        }

        return running.ContinueWith(
            _ => exposition.Dispose(),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }
}
