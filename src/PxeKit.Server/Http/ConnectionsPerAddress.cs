using System.Net;
using Microsoft.AspNetCore.Connections;
using PxeKit.Server.Limits;

namespace PxeKit.Server.Http;

/// <summary>
/// Kestrel connection middleware that caps the connections open at once, in all and from one address
/// (<see cref="AddressSlots"/>, the mechanism TFTP's transfers share): past a cap, a new connection is closed at once,
/// before a byte is read, and the others (and every other address) go on.
/// </summary>
internal sealed class ConnectionsPerAddress(AddressSlots slots)
{
    public ConnectionDelegate Limit(ConnectionDelegate next) => async connection =>
    {
        if (connection.RemoteEndPoint is not IPEndPoint { Address: var address })
        {
            await next(connection).ConfigureAwait(false);
            return;
        }

        if (slots.TryTake(address) is { } refusal)
        {
            connection.Abort(new ConnectionAbortedException(refusal == SlotRefusal.PerAddress
                ? $"more than {slots.PerAddress} connections from {address}"
                : $"more than {slots.Total} connections in all"));
            return;
        }

        try
        {
            await next(connection).ConfigureAwait(false);
        }
        finally
        {
            slots.Give(address);
        }
    };
}
