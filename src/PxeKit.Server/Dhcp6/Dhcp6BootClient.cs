using System.Net;
using System.Text;
using PxeKit.Protocol.Dhcp6;
using PxeKit.Server.Boot;

namespace PxeKit.Server.Dhcp6;

/// <summary>What a DHCPv6 request says of the machine, as the one boot policy (the DHCPv4 one) asks it.</summary>
public static class Dhcp6BootClient
{
    public static BootClient From(Dhcp6MessageView request, string mac, string interfaceName, IPAddress server)
    {
        var classes = new List<string>();
        foreach (var item in request.UserClasses)
        {
            classes.Add(Encoding.UTF8.GetString(item));
        }

        string? vendor = null;
        if (request.TryGetVendorClass(out _, out var items) && items.MoveNext())
        {
            vendor = Encoding.UTF8.GetString(items.Current);
        }

        var architecture = request.Architecture;
        return new BootClient
        {
            Mac = mac,
            Architecture = architecture,
            Firmware = BootClient.Classify(architecture),
            VendorClass = vendor,
            UserClasses = classes,
            IsIpxe = request.IsIpxe,
            // UEFI HTTP Boot over IPv6 says HTTPClient in its vendor class, as over IPv4 (UEFI 2.x section 24.7).
            IsHttpClient = vendor?.StartsWith("HTTPClient", StringComparison.Ordinal) == true,
            Interface = interfaceName,
            Network = server,
        };
    }

    /// <summary>
    /// The boot file URL of option 59 for an answer: the answer's URL as it is, or its TFTP path as a TFTP URL on
    /// <paramref name="server"/> (RFC 5970 section 3.1, <c>tftp://[fd00::1]/ipxe.efi</c>).
    /// </summary>
    public static string UrlOf(BootAnswer answer, IPAddress server)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return answer.BootFile.Contains("://", StringComparison.Ordinal)
            ? answer.BootFile
            : $"tftp://{ProfileBootPolicy.Host(server)}/{answer.BootFile.TrimStart('/')}";
    }
}
