using System.Net;
using PxeKit.Core.Interop;
using PxeKit.Protocol.Dhcp;

namespace PxeKit.Core.Net;

/// <summary>
/// What the host says of an interface now: its index (a new one when the interface was deleted and created again under
/// the same name) and its first IPv4 address (null when it has none).
/// </summary>
public sealed record InterfaceLink(int Index, IPAddress? Address)
{
    /// <summary>
    /// The interface named <paramref name="name"/> as it is now; null when there is none. Two questions to the kernel
    /// (if_nametoindex, SIOCGIFADDR), asked every second by serve's interface watch: .NET's <c>NetworkInterface</c>
    /// answered the same from every interface's files in /sys and /proc: about 100 system calls a second on an idle server
    /// (strace, 10 s: 1,000 against 60 now), and garbage enough to wake the GC (docs/benchmarks.md, "Memory (issue 19)").
    /// </summary>
    public static InterfaceLink? Probe(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        uint index = LibC.InterfaceIndex(name);
        if (index == 0)
        {
            return null;
        }

        return LibC.InterfaceIPv4Address(name, out uint address) switch
        {
            0 => new InterfaceLink((int)index, Ipv4.ToAddress(address)),
            LibC.EADDRNOTAVAIL => new InterfaceLink((int)index, null),
            _ => null, // gone between the two questions
        };
    }
}
