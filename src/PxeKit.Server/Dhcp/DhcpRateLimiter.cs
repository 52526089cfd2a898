namespace PxeKit.Server.Dhcp;

/// <summary>
/// Per-client token buckets for <see cref="DhcpRateLimit"/>. Memory is bounded: past
/// <see cref="DhcpRateLimit.MaxClients"/> buckets, the half idle longest are dropped (a forgotten client
/// starts again with a full bucket, which only ever errs towards serving it).
/// </summary>
public sealed class DhcpRateLimiter
{
    private readonly DhcpRateLimit _limit;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, (double Tokens, long Stamp)> _buckets = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public DhcpRateLimiter(DhcpRateLimit limit, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(limit);
        ArgumentNullException.ThrowIfNull(time);
        _limit = limit;
        _time = time;
    }

    /// <summary>Clients currently remembered.</summary>
    public int Tracked
    {
        get { lock (_gate) { return _buckets.Count; } }
    }

    /// <summary>Takes one token from the client's bucket; false when it has none left.</summary>
    public bool TryAcquire(string client)
    {
        if (!_limit.Enabled)
        {
            return true;
        }

        lock (_gate)
        {
            long now = _time.GetTimestamp();
            double tokens = _limit.Burst;
            if (_buckets.TryGetValue(client, out var bucket))
            {
                var elapsed = _time.GetElapsedTime(bucket.Stamp, now).TotalSeconds;
                tokens = Math.Min(_limit.Burst, bucket.Tokens + (elapsed * _limit.PerSecond));
            }
            else if (_buckets.Count >= _limit.MaxClients)
            {
                Trim();
            }

            bool allowed = tokens >= 1;
            _buckets[client] = (allowed ? tokens - 1 : tokens, now);
            return allowed;
        }
    }

    private void Trim()
    {
        foreach (var idle in _buckets.OrderBy(b => b.Value.Stamp).Take(_buckets.Count / 2).Select(b => b.Key).ToList())
        {
            _buckets.Remove(idle);
        }
    }
}
