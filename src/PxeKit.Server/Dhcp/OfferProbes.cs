using System.Net;
using System.Net.NetworkInformation;
using PxeKit.Core.Collections;
using PxeKit.Protocol.Dhcp;

namespace PxeKit.Server.Dhcp;

/// <summary>
/// Which offers wait for a probe of their address, bounded so that a flood of forged DISCOVERs cannot
/// turn the server into an ARP flood: at most <see cref="MaxOutstanding"/> probes at once (past that an
/// offer leaves unprobed, as it would with probing off), one probe per address per <see cref="Period"/>
/// (a DISCOVER repeated within it is offered at once, or joins the probe still running), and a table of
/// recent probes no larger than <see cref="MaxRemembered"/>. Thread-safe.
/// </summary>
public sealed class OfferProbes(IAddressProbe probe, TimeProvider time)
{
    /// <summary>Probes running at once. With a 300 ms bound, at most about a hundred ARP requests a second.</summary>
    public const int MaxOutstanding = 32;

    /// <summary>Addresses whose last probe is remembered; past that, an address is offered unprobed until old entries expire.</summary>
    public const int MaxRemembered = 1024;

    /// <summary>How long an address that was probed is not probed again.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(30);

    private readonly Lock _gate = new();
    private readonly Dictionary<uint, Task<PhysicalAddress?>> _outstanding = [];
    private readonly Dictionary<uint, DateTimeOffset> _probed = [];
    private readonly BoundedMap<uint, PhysicalAddress> _named = new(MaxRemembered);

    /// <summary>Offers that left unprobed because <see cref="MaxOutstanding"/> probes were running, or the table was full.</summary>
    public long Skipped { get; private set; }

    /// <summary>
    /// The probe of <paramref name="address"/> the offer should wait for: a new one, or the one already running;
    /// null when the offer should leave at once (probed within <see cref="Period"/>, or too many probes running).
    /// </summary>
    public Task<PhysicalAddress?>? Start(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        uint value = Ipv4.FromAddress(address);
        var now = time.GetUtcNow();
        Task<PhysicalAddress?> running;
        lock (_gate)
        {
            if (_outstanding.TryGetValue(value, out var joined))
            {
                return joined;
            }

            if (_probed.TryGetValue(value, out var last) && now - last < Period)
            {
                return null;
            }

            if (_outstanding.Count >= MaxOutstanding || !Remember(value, now))
            {
                Skipped++;
                return null;
            }

            running = probe.ProbeAsync(address);
            if (running.IsCompleted)
            {
                return running;
            }

            _outstanding[value] = running;
        }

        _ = running.ContinueWith(
            _ =>
            {
                lock (_gate)
                {
                    _outstanding.Remove(value);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        return running;
    }

    /// <summary>
    /// True the first time <paramref name="claimant"/> is found using <paramref name="address"/>: the fact is
    /// named once, not at every probe after the address's time set aside ends.
    /// </summary>
    public bool FirstSeen(IPAddress address, PhysicalAddress claimant)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(claimant);
        uint value = Ipv4.FromAddress(address);
        lock (_gate)
        {
            if (_named.TryGet(value, out var named) && named.Equals(claimant))
            {
                return false;
            }

            _named.Set(value, claimant);
            return true;
        }
    }

    private bool Remember(uint value, DateTimeOffset now)
    {
        if (_probed.Count >= MaxRemembered)
        {
            foreach (var (key, at) in _probed)
            {
                if (now - at >= Period)
                {
                    _probed.Remove(key);
                }
            }
        }

        if (_probed.Count >= MaxRemembered)
        {
            return false;
        }

        _probed[value] = now;
        return true;
    }
}
