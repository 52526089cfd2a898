namespace PxeKit.Host;

/// <summary>
/// The server's listeners run as one: the first that ends, for whatever reason, ends them all, and its reason is the
/// host's. A DHCP listener whose socket failed must not leave a process that still answers TFTP and looks healthy to
/// systemd while no machine can get an address.
/// </summary>
public sealed class ListenerGroup : IDisposable
{
    private readonly CancellationToken _outer;
    private readonly CancellationTokenSource _stop;
    private readonly List<(string Name, Task Task)> _running = [];
    private (TimeSpan Every, Action Alive, TimeProvider Time)? _beat;

    /// <param name="cancellationToken">Stops every listener: the host is asked to stop.</param>
    public ListenerGroup(CancellationToken cancellationToken)
    {
        _outer = cancellationToken;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
    }

    /// <summary>Starts a listener now (it binds before its first wait), with the group's token.</summary>
    public void Start(string name, Func<CancellationToken, Task> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        _running.Add((name, run(_stop.Token)));
    }

    /// <summary>
    /// Calls <paramref name="alive"/> at once and every <paramref name="every"/> while every listener runs (systemd's
    /// watchdog); set before <see cref="RunAsync"/>.
    /// </summary>
    public void WhileRunning(TimeSpan every, Action alive, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(alive);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(every, TimeSpan.Zero);
        _beat = (every, alive, time);
    }

    /// <summary>
    /// Waits until the host is asked to stop (then throws <see cref="OperationCanceledException"/>) or a listener ends:
    /// then the others are stopped, and what ended the first is thrown as a <see cref="ListenerStoppedException"/>
    /// (without an inner exception when the listener returned on its own).
    /// </summary>
    public async Task RunAsync()
    {
        var ended = Task.WhenAny(_running.Select(r => r.Task));
        if (_beat is { } beat)
        {
            // Told only while every listener runs: the moment one ends, the beats stop, and so does the group.
            await WatchdogBeat.WhileAsync(ended, beat.Every, beat.Alive, beat.Time, _stop.Token).ConfigureAwait(false);
        }

        var first = await ended.ConfigureAwait(false);
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_running.Select(r => r.Task)).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The others end by cancellation once the first has ended; what counts is the first's reason, below.
        }

        _outer.ThrowIfCancellationRequested();
        var name = _running.First(r => r.Task == first).Name;
        throw ListenerStoppedException.Of(name, first.IsFaulted ? first.Exception!.InnerException : null);
    }

    public void Dispose() => _stop.Dispose();
}
