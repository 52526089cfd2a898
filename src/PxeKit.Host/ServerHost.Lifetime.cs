using System.Net;
using PxeKit.Core.Events;

namespace PxeKit.Host;

/// <summary>The host's lifetime for a program that embeds it: start, readiness, stop.</summary>
public sealed partial class ServerHost : IAsyncDisposable
{
    private readonly TaskCompletionSource<BootEvent> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenSource? _stop;
    private Task? _running;

    /// <summary>
    /// Completes with the <see cref="BootStep.ServerReady"/> event once every listener is bound, the moment the journal
    /// records it; fails with the reason when the host stops before that (a port in use, say).
    /// </summary>
    public Task<BootEvent> Ready => _ready.Task;

    private readonly HashSet<string> _bound = new(StringComparer.Ordinal);

    /// <summary>
    /// Where the TFTP listener of the first interface is bound (its port when <see cref="ServeSettings.TftpPort"/> is 0);
    /// null before it is.
    /// </summary>
    public IPEndPoint? TftpEndPoint { get; private set; }

    /// <summary>
    /// Ends when the host stopped: after <see cref="StopAsync"/>, or faulted when a listener failed. Null before
    /// <see cref="StartAsync"/>.
    /// </summary>
    public Task? Completion => _running;

    /// <summary>
    /// Starts every listener and returns once they are all bound (<see cref="Ready"/>); throws what stopped the host
    /// when it could not start (a <see cref="System.Net.Sockets.SocketException"/> for a port in use).
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_running is not null)
        {
            throw new InvalidOperationException("The host was started already.");
        }

        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _running = RunAndSettleAsync(_stop.Token);
        await Task.WhenAny(Ready, _running).ConfigureAwait(false);
        await Ready.ConfigureAwait(false);
    }

    /// <summary>
    /// Stops every listener and waits until everything the host opened is closed; throws what stopped the host when
    /// it had failed already (a listener's socket error).
    /// </summary>
    public async Task StopAsync()
    {
        if (_stop is null || _running is null)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _running.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Stopped as asked.
        }
    }

    /// <summary>Stops the host as <see cref="StopAsync"/> does, without throwing: a failure stays in <see cref="Completion"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync().ConfigureAwait(false);
        }
        catch (Exception) when (_running is { IsFaulted: true })
        {
            // Said already: by StartAsync, or by Completion to whoever watches it.
        }
        finally
        {
            _stop?.Dispose();
        }
    }

    /// <summary>
    /// The listeners of <paramref name="nic"/> are bound, and <paramref name="ready"/> journaled; <paramref name="status"/>
    /// says what is served, for systemd. The host is ready, for
    /// <see cref="Ready"/> and systemd, once every interface has been bound; bound anew later, it tells systemd again.
    /// </summary>
    private void Bound(ServedInterface nic, IPEndPoint? tftp, BootEvent ready, string status)
    {
        bool all;
        lock (_bound)
        {
            if (nic.Name == settings.Interfaces[0].Name)
            {
                TftpEndPoint = tftp;
            }

            _bound.Add(nic.Name);
            all = _bound.Count == settings.Interfaces.Count;
        }

        if (all)
        {
            Notifier?.Ready(status);
            _ready.TrySetResult(ready);
        }
    }

    /// <summary>Runs the host; when it ends before it was ready, <see cref="Ready"/> ends with it, with the same reason.</summary>
    private async Task RunAndSettleAsync(CancellationToken cancellationToken)
    {
        try
        {
            await RunAsync(cancellationToken).ConfigureAwait(false);
            _ready.TrySetException(new InvalidOperationException("The host stopped before it was ready."));
        }
        catch (OperationCanceledException e)
        {
            _ready.TrySetCanceled(e.CancellationToken);
            throw;
        }
        catch (Exception e)
        {
            _ready.TrySetException(e);
            throw;
        }
    }
}
