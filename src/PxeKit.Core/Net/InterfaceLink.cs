using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace PxeKit.Core.Net;

/// <summary>
/// What the host says of an interface now: its index (a new one when the interface was deleted and created again under
/// the same name) and its first IPv4 address (null when it has none).
/// </summary>
public sealed record InterfaceLink(int Index, IPAddress? Address)
{
    /// <summary>The interface named <paramref name="name"/> as it is now; null when there is none.</summary>
    public static InterfaceLink? Probe(string name)
    {
        var nic = NetworkInterface.GetAllNetworkInterfaces().FirstOrDefault(n => n.Name == name);
        if (nic is null)
        {
            return null;
        }

        var properties = nic.GetIPProperties();
        var address = properties.UnicastAddresses.FirstOrDefault(a => a.Address.AddressFamily == AddressFamily.InterNetwork)?.Address;
        int index;
        try
        {
            index = properties.GetIPv4Properties().Index;
        }
        catch (NetworkInformationException)
        {
            // Gone between the listing and this question.
            return null;
        }

        return new InterfaceLink(index, address);
    }
}
