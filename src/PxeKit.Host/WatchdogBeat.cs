namespace PxeKit.Host;

/// <summary>Tells systemd's watchdog the host is alive, at once and then every interval, until a task ends.</summary>
internal static class WatchdogBeat
{
    /// <summary>
    /// Calls <paramref name="alive"/> at once and every <paramref name="every"/> until <paramref name="until"/> ends or
    /// <paramref name="cancellationToken"/> is cancelled; returns then, without waiting on <paramref name="until"/>.
    /// </summary>
    public static async Task WhileAsync(
        Task until, TimeSpan every, Action alive, TimeProvider time, CancellationToken cancellationToken)
    {
        while (!until.IsCompleted && !cancellationToken.IsCancellationRequested)
        {
            // The next wait is timed before the beat: whoever sees the beat can count on the wait being set.
            var next = Task.Delay(every, time, cancellationToken);
            alive();
            await Task.WhenAny(until, next).ConfigureAwait(false);
        }
    }
}
