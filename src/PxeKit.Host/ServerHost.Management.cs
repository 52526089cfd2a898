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
        Task running;
        try
        {
            var server = new ManagementServer(options, exposition, loggerFactory);
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
