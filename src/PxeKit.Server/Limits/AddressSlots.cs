using System.Net;

namespace PxeKit.Server.Limits;

/// <summary>
/// Slots for work under way (TFTP transfers, HTTP connections), capped in all and per client address, so that one host
/// cannot take what the others need. An address is in the map only while it holds a slot, so the map never has more
/// entries than the cap in all. Safe for several threads.
/// </summary>
public sealed class AddressSlots
{
    private readonly Lock _gate = new();
    private readonly Dictionary<IPAddress, int> _perAddress = [];
    private int _total;

    public AddressSlots(int perAddress, int total)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(perAddress, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(total, perAddress);
        PerAddress = perAddress;
        Total = total;
    }

    public int PerAddress { get; }

    public int Total { get; }

    /// <summary>Slots taken and not yet given back.</summary>
    public int InUse
    {
        get
        {
            lock (_gate)
            {
                return _total;
            }
        }
    }

    /// <summary>Takes a slot for <paramref name="address"/>: null when taken, otherwise the cap that refused it.</summary>
    public SlotRefusal? TryTake(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        lock (_gate)
        {
            _perAddress.TryGetValue(address, out var held);
            if (held >= PerAddress)
            {
                return SlotRefusal.PerAddress;
            }

            if (_total >= Total)
            {
                return SlotRefusal.Total;
            }

            _perAddress[address] = held + 1;
            _total++;
            return null;
        }
    }

    /// <summary>Gives back a slot <see cref="TryTake"/> took for <paramref name="address"/>.</summary>
    public void Give(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        lock (_gate)
        {
            if (!_perAddress.TryGetValue(address, out var held))
            {
                return;
            }

            if (held <= 1)
            {
                _perAddress.Remove(address);
            }
            else
            {
                _perAddress[address] = held - 1;
            }

            _total--;
        }
    }
}
