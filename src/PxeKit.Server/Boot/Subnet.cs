using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Numerics;
using PxeKit.Protocol.Dhcp;

namespace PxeKit.Server.Boot;

/// <summary>An IPv4 subnet, <c>10.60.0.0/24</c>: what a profile's <c>match: subnet:</c> names.</summary>
public sealed record Subnet(uint Network, uint Mask)
{
    /// <summary>Reads <c>NETWORK/PREFIX</c> (0 to 32); the address is masked to its network.</summary>
    public static bool TryParse(string? text, out Subnet subnet)
    {
        subnet = new Subnet(0, 0);
        var parts = text?.Split('/') ?? [];
        if (parts.Length != 2 || !IPAddress.TryParse(parts[0], out var address) || address.AddressFamily != AddressFamily.InterNetwork
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int prefix) || prefix > 32)
        {
            return false;
        }

        uint mask = prefix == 0 ? 0 : uint.MaxValue << (32 - prefix);
        subnet = new Subnet(Ipv4.FromAddress(address) & mask, mask);
        return true;
    }

    public bool Contains(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.AddressFamily == AddressFamily.InterNetwork && (Ipv4.FromAddress(address) & Mask) == Network;
    }

    public override string ToString() => $"{Ipv4.ToAddress(Network)}/{BitOperations.PopCount(Mask)}";
}
