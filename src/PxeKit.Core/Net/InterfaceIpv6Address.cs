using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace PxeKit.Core.Net;

/// <summary>
/// An interface's first global or unique-local IPv6 address and its prefix length: the address IPv6 clients are given
/// for the server (a link-local one would need a zone they cannot write in a URL), and the prefix advertised on-link.
/// </summary>
public sealed record InterfaceIpv6Address(IPAddress Address, int PrefixLength)
{
    /// <summary>The address of <paramref name="interfaceName"/> as it is now; null when it has none (or no such interface).</summary>
    public static InterfaceIpv6Address? Find(string interfaceName)
    {
        var found = NetworkInterface.GetAllNetworkInterfaces().FirstOrDefault(n => n.Name == interfaceName)?
            .GetIPProperties().UnicastAddresses
            .FirstOrDefault(a => a.Address.AddressFamily == AddressFamily.InterNetworkV6 && !a.Address.IsIPv6LinkLocal && !IPAddress.IsLoopback(a.Address));
        return found is null ? null : new InterfaceIpv6Address(found.Address, found.PrefixLength);
    }

    /// <summary>
    /// The link-local address of <paramref name="interfaceName"/>, with the interface as its zone (a socket can bind it);
    /// null when it has none yet (duplicate address detection still running, or no such interface).
    /// </summary>
    public static IPAddress? FindLinkLocal(string interfaceName)
    {
        var nic = NetworkInterface.GetAllNetworkInterfaces().FirstOrDefault(n => n.Name == interfaceName);
        var found = nic?.GetIPProperties().UnicastAddresses
            .FirstOrDefault(a => a.Address.AddressFamily == AddressFamily.InterNetworkV6 && a.Address.IsIPv6LinkLocal)?.Address;
        return found is null ? null : new IPAddress(found.GetAddressBytes(), nic!.GetIPProperties().GetIPv6Properties().Index);
    }

    /// <summary>The network: the address with every bit past the prefix cleared.</summary>
    public IPAddress Network
    {
        get
        {
            var bytes = Address.GetAddressBytes();
            for (int bit = PrefixLength; bit < 128; bit++)
            {
                bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
            }

            return new IPAddress(bytes);
        }
    }
}
