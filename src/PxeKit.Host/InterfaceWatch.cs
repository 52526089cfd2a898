using PxeKit.Core.Net;

namespace PxeKit.Host;

/// <summary>
/// Asks the host about the served interface at a fixed period and reports when its answer changes: the interface went,
/// came back under a new index (deleted and created again: a bridge re-created by NetworkManager, a USB NIC plugged
/// again), or its address changed.
/// </summary>
/// <remarks>
/// A poll rather than a netlink subscription: two questions to the kernel a second (<see cref="InterfaceLink.Probe"/>)
/// cost next to nothing and need no netlink parsing; a poll sees a change that happened while the server was busy or
/// before it subscribed, and it runs on <see cref="TimeProvider"/>, so the tests drive it with a fake clock. The price
/// is up to one period of delay.
/// </remarks>
public sealed class InterfaceWatch(string name, Func<string, InterfaceLink?> probe, TimeProvider time, TimeSpan period)
{
    /// <summary>How often the host is asked, by default.</summary>
    public static readonly TimeSpan DefaultPeriod = TimeSpan.FromSeconds(1);

    public string Name => name;

    /// <summary>The interface as it is now; null when it does not exist.</summary>
    public InterfaceLink? Current() => probe(name);

    /// <summary>Waits until the interface is no longer <paramref name="seen"/>, and returns how it is then.</summary>
    public async Task<InterfaceLink?> ChangedAsync(InterfaceLink? seen, CancellationToken cancellationToken)
    {
        while (true)
        {
            await Task.Delay(period, time, cancellationToken).ConfigureAwait(false);
            var now = probe(name);
            if (now != seen)
            {
                return now;
            }
        }
    }
}
