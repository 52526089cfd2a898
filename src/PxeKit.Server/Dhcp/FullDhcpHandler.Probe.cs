using System.Net;
using System.Net.NetworkInformation;
using PxeKit.Core.Events;
using PxeKit.Protocol.Dhcp;

namespace PxeKit.Server.Dhcp;

/// <summary>
/// RFC 2131 section 4.4.1: "the server SHOULD probe the reused address before allocating". An OFFER of an
/// address that nobody holds waits for an ARP probe of it; a host that answers keeps it, the address is set
/// aside like a declined one, and the OFFER is withheld, so the client's next DISCOVER gets another address.
/// </summary>
public sealed partial class FullDhcpHandler
{
    private void HoldForProbe(DhcpRequestContext context, DhcpScope scope, IPAddress address)
    {
        // A relayed subnet is not on this link: ARP cannot reach it (docs/configuration.md says why no ping either).
        if (_probes is null || !scope.ProbeBeforeOffer || scope.RelayedNetwork is not null || Vouched(context, scope, address))
        {
            return;
        }

        if (_probes.Start(address) is { } claimant)
        {
            context.HoldReplyUntil(SendUnlessClaimedAsync(context, scope, address, claimant));
        }
    }

    /// <summary>The client's own reservation, or the address of its current lease: nobody else's to find.</summary>
    private bool Vouched(DhcpRequestContext context, DhcpScope scope, IPAddress address)
    {
        if (scope.ReservationFor(context.Mac) is { } reservation && reservation.Address.Equals(address))
        {
            return true;
        }

        // Called from Discover, under the pool's lock.
        return _pool.Holds(context.Client, address);
    }

    private async Task<bool> SendUnlessClaimedAsync(DhcpRequestContext context, DhcpScope scope, IPAddress address, Task<PhysicalAddress?> probe)
    {
        var claimant = await probe.ConfigureAwait(false);
        // The client itself may still answer for the address it is asking back: that is no conflict.
        if (claimant is null || claimant.GetAddressBytes().AsSpan().SequenceEqual(context.Request.ClientHardwareAddress))
        {
            return true;
        }

        lock (_pool.Gate)
        {
            _pool.SetAsideInUse(scope, address);
        }

        if (_probes!.FirstSeen(address, claimant))
        {
            var mac = Format(claimant);
            Log.AddressInUse(_logger, address, mac);
            _journal.Ignored(context, DhcpIgnoreReason.AddressInUse, $"{address} is in use by {mac} (it answered the ARP probe): set aside, not offered", address, mac);
        }

        return false;
    }

    private static string Format(PhysicalAddress mac) => MacAddress.Format(mac.GetAddressBytes());
}
