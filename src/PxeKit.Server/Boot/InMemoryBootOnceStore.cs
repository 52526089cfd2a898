using System.Collections.Concurrent;

namespace PxeKit.Server.Boot;

/// <summary>Boot-once marks that last until the server stops.</summary>
public sealed class InMemoryBootOnceStore : IBootOnceStore
{
    private readonly ConcurrentDictionary<(string, string), bool> _used = new();

    public bool IsUsed(string mac, string profile) => _used.ContainsKey((mac, profile));

    public void MarkUsed(string mac, string profile) => _used[(mac, profile)] = true;

    public void Forget(string mac, string profile) => _used.TryRemove((mac, profile), out _);
}
