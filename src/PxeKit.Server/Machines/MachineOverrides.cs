namespace PxeKit.Server.Machines;

/// <summary>
/// The operator's per-machine settings as the server uses them: read from the store once at start, then each change
/// stored first and seen by requests after. Read on every request without the store (no database round trip).
/// </summary>
public sealed class MachineOverrides
{
    private readonly IMachineOverrideStore _store;
    private readonly Lock _gate = new();
    private volatile Dictionary<string, MachineOverride> _all;

    public MachineOverrides(IMachineOverrideStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _all = store.LoadAll().ToDictionary(m => m.Mac, StringComparer.Ordinal);
    }

    /// <summary>Every machine's settings, by MAC.</summary>
    public IReadOnlyCollection<MachineOverride> All => _all.Values;

    /// <summary>The settings of <paramref name="mac"/> (canonical), or null.</summary>
    public MachineOverride? Find(string mac) => _all.GetValueOrDefault(mac);

    /// <summary>True when <paramref name="mac"/> (canonical) is sent to its local disk.</summary>
    public bool IsBootLocal(string mac) => Find(mac)?.BootLocal == true;

    /// <summary>Changes one machine's settings: stored (or deleted when they set nothing), then used. Returns what it has now.</summary>
    public MachineOverride Change(string mac, Func<MachineOverride, MachineOverride> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_gate)
        {
            var next = change(Find(mac) ?? new MachineOverride(mac, null, null, false));
            if (next.IsEmpty)
            {
                _store.Delete(mac);
            }
            else
            {
                _store.Save(next);
            }

            var all = new Dictionary<string, MachineOverride>(_all, StringComparer.Ordinal);
            if (next.IsEmpty)
            {
                all.Remove(mac);
            }
            else
            {
                all[mac] = next;
            }

            _all = all;
            return next;
        }
    }
}
