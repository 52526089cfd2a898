using System.Net;
using PxeKit.Core.Events;

namespace PxeKit.Server.Tftp;

/// <summary>
/// Counts the transfers under way, in all and per client address, and admits a request only under both
/// caps (<see cref="TftpLimits"/>). An address is in the map only while it holds a transfer, so the map
/// never has more entries than <see cref="TftpLimits.MaxTransfers"/>.
/// </summary>
internal sealed class TftpAdmission(TftpLimits limits)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<IPAddress, int> _perClient = [];
    private int _total;

    /// <summary>Transfers admitted and not yet released.</summary>
    public int Total
    {
        get
        {
            lock (_gate)
            {
                return _total;
            }
        }
    }

    /// <summary>Takes a slot for the address; null when admitted, otherwise the cap that refused it.</summary>
    public TftpLimit? TryAdmit(IPAddress client)
    {
        lock (_gate)
        {
            _perClient.TryGetValue(client, out var held);
            if (held >= limits.MaxTransfersPerClient)
            {
                return TftpLimit.PerClient;
            }

            if (_total >= limits.MaxTransfers)
            {
                return TftpLimit.Server;
            }

            _perClient[client] = held + 1;
            _total++;
            return null;
        }
    }

    /// <summary>Gives back the slot <see cref="TryAdmit"/> took for the address.</summary>
    public void Release(IPAddress client)
    {
        lock (_gate)
        {
            if (!_perClient.TryGetValue(client, out var held))
            {
                return;
            }

            if (held <= 1)
            {
                _perClient.Remove(client);
            }
            else
            {
                _perClient[client] = held - 1;
            }

            _total--;
        }
    }
}
