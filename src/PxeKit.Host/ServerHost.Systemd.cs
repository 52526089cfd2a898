using PxeKit.Core.Systemd;

namespace PxeKit.Host;

/// <summary>What the host tells systemd when it runs as a <c>Type=notify</c> service.</summary>
public sealed partial class ServerHost
{
    /// <summary>
    /// Told <c>READY=1</c> with what is served once every listener is bound, <c>WATCHDOG=1</c> while every listener runs
    /// (when systemd watches), and <c>STOPPING=1</c> when the host is asked to stop; null outside systemd.
    /// </summary>
    public SystemdNotifier? Notifier { get; init; }

    /// <summary>Pings systemd's watchdog from the listeners' group while all of them run, when systemd asks for it.</summary>
    private void WatchListeners(ListenerGroup listeners)
    {
        if (Notifier is { WatchdogInterval: { } every } notifier)
        {
            listeners.WhileRunning(every, () => notifier.Watchdog(), _time);
        }
    }

    /// <summary>Says <c>STOPPING=1</c> to systemd when the host is asked to stop.</summary>
    private CancellationTokenRegistration SayStopping(CancellationToken cancellationToken) =>
        Notifier is { } notifier
            ? cancellationToken.Register(() => notifier.Stopping("stopping: closing the listeners"))
            : default;

    /// <summary>
    /// Waits for <paramref name="waited"/> (the interface coming back) and meanwhile tells systemd's watchdog the host is
    /// alive: no listener runs then, but waiting is what the host is meant to do, and a restart would not bring the
    /// interface back.
    /// </summary>
    private async Task<T> AliveUntilAsync<T>(Task<T> waited, CancellationToken cancellationToken)
    {
        if (Notifier is { WatchdogInterval: { } every } notifier)
        {
            await WatchdogBeat.WhileAsync(waited, every, () => notifier.Watchdog(), _time, cancellationToken).ConfigureAwait(false);
        }

        return await waited.ConfigureAwait(false);
    }
}
