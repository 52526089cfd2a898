namespace PxeKit.Server.Leases;

/// <summary>
/// Which of the servers sharing one lease database answers a new client's DISCOVER: the split of RFC 3074's load
/// balancing, by a hash of the client, so each DISCOVER costs one server's work and one hold in the database instead of
/// every server's. The owner of a client is the live server with the highest hash of (server, client), rendezvous
/// hashing: when a server joins or goes, only the clients it owns, or comes to own, change hands. The live servers are
/// those whose heartbeat in the database is recent (<see cref="Postgres.PostgresPeers"/>); a server that stops beating is
/// dropped, and its clients are answered by the others. A client that has asked for <see cref="TakeoverSeconds"/> or
/// longer (the DISCOVER's <c>secs</c>) is answered by every server, as RFC 3074 lets a backup do: its owner may be gone.
/// Thread-safe: the list of live servers is replaced whole.
/// </summary>
public sealed class PeerServers
{
    /// <summary>A client asking this long (seconds, from its DISCOVER) is answered whoever owns it.</summary>
    public const ushort TakeoverSeconds = 3;

    private volatile string[] _live;

    /// <param name="self">This server's id, as it is written in the database.</param>
    public PeerServers(string self)
    {
        ArgumentException.ThrowIfNullOrEmpty(self);
        Self = self;
        _live = [self];
    }

    public string Self { get; }

    /// <summary>The live servers that share the split (this one always among them), in order.</summary>
    public IReadOnlyList<string> Live => _live;

    /// <summary>Replaces the live servers; this server is one of them whatever the list says.</summary>
    /// <returns>Whether the list changed.</returns>
    public bool Update(IEnumerable<string> live)
    {
        ArgumentNullException.ThrowIfNull(live);
        string[] next = [.. live.Append(Self).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        if (next.AsSpan().SequenceEqual(_live))
        {
            return false;
        }

        _live = next;
        return true;
    }

    /// <summary>Whether this server answers the client's DISCOVER: it owns the client, or the client has asked long enough.</summary>
    public bool Answers(ClientKey client, ushort seconds) => seconds >= TakeoverSeconds || OwnerOf(client) == Self;

    /// <summary>The live server that owns the client.</summary>
    public string OwnerOf(ClientKey client)
    {
        var live = _live;
        if (live.Length == 1)
        {
            return live[0];
        }

        var key = client.Identifier ?? client.Mac ?? "";
        string owner = live[0];
        ulong best = 0;
        foreach (var server in live)
        {
            ulong weight = Weight(server, key);
            if (weight > best || (weight == best && string.CompareOrdinal(server, owner) < 0))
            {
                (best, owner) = (weight, server);
            }
        }

        return owner;
    }

    /// <summary>FNV-1a (64 bits) over the characters of the server and the client, mixed at the end so that near keys spread.</summary>
    private static ulong Weight(string server, string client)
    {
        const ulong Prime = 0x100000001b3;
        ulong hash = 0xcbf29ce484222325;
        foreach (char c in server)
        {
            hash = (hash ^ c) * Prime;
        }

        hash = (hash ^ '\n') * Prime;
        foreach (char c in client)
        {
            hash = (hash ^ c) * Prime;
        }

        // A final mix (the finalizer of MurmurHash3): FNV alone leaves the high bits of keys that differ late too alike.
        hash ^= hash >> 33;
        hash *= 0xff51afd7ed558ccd;
        hash ^= hash >> 33;
        hash *= 0xc4ceb93e1a85ec53;
        hash ^= hash >> 33;
        return hash;
    }
}
