using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Connections;

namespace PxeKit.Server.Http;

/// <summary>
/// Kestrel connection middleware that caps the connections open at once from one address: past the cap, a new
/// connection is closed at once, before a byte is read, and the others (and every other address) go on.
/// </summary>
internal sealed class ConnectionsPerAddress(int limit)
{
    private readonly ConcurrentDictionary<IPAddress, int> _open = new();

    /// <summary>How many addresses have connections open now (a bound: at most the server's connection limit).</summary>
    public int Addresses => _open.Count;

    public ConnectionDelegate Limit(ConnectionDelegate next) => async connection =>
    {
        if (connection.RemoteEndPoint is not IPEndPoint { Address: var address })
        {
            await next(connection).ConfigureAwait(false);
            return;
        }

        if (_open.AddOrUpdate(address, 1, (_, n) => n + 1) > limit)
        {
            Leave(address);
            connection.Abort(new ConnectionAbortedException($"more than {limit} connections from {address}"));
            return;
        }

        try
        {
            await next(connection).ConfigureAwait(false);
        }
        finally
        {
            Leave(address);
        }
    };

    private void Leave(IPAddress address)
    {
        if (_open.AddOrUpdate(address, 0, (_, n) => n - 1) <= 0)
        {
            // Forgotten once its last connection closed, so the map holds only addresses with connections open.
            _open.TryRemove(new KeyValuePair<IPAddress, int>(address, 0));
        }
    }
}
