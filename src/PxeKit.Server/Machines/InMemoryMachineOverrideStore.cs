using System.Collections.Concurrent;

namespace PxeKit.Server.Machines;

/// <summary>Per-machine settings that last until the server stops (a lease database in memory).</summary>
public sealed class InMemoryMachineOverrideStore : IMachineOverrideStore
{
    private readonly ConcurrentDictionary<string, MachineOverride> _machines = new(StringComparer.Ordinal);

    public IReadOnlyList<MachineOverride> LoadAll() => [.. _machines.Values.OrderBy(m => m.Mac, StringComparer.Ordinal)];

    public MachineOverride? Find(string mac) => _machines.GetValueOrDefault(mac);

    public void Save(MachineOverride machine)
    {
        ArgumentNullException.ThrowIfNull(machine);
        _machines[machine.Mac] = machine;
    }

    public void Delete(string mac) => _machines.TryRemove(mac, out _);
}
