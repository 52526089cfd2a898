using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace PxeKit.Core.Net;

/// <summary>An interface's first IPv4 address and mask, as the host reports them.</summary>
public sealed record InterfaceAddress(string Interface, IPAddress Address, IPAddress Mask, bool IsUp)
{
    /// <summary>Finds the interface by name; null if it does not exist or has no IPv4 address.</summary>
    public static InterfaceAddress? Find(string name)
    {
        var nic = NetworkInterface.GetAllNetworkInterfaces().FirstOrDefault(n => n.Name == name);
        var unicast = nic?.GetIPProperties().UnicastAddresses
            .FirstOrDefault(a => a.Address.AddressFamily == AddressFamily.InterNetwork);
        return nic is null || unicast is null
            ? null
            : new InterfaceAddress(name, unicast.Address, unicast.IPv4Mask, nic.OperationalStatus is OperationalStatus.Up or OperationalStatus.Unknown);
    }

    public static bool Exists(string name) =>
        NetworkInterface.GetAllNetworkInterfaces().Any(n => n.Name == name);
}
