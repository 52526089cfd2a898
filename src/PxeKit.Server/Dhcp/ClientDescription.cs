using System.Globalization;
using System.Net;
using PxeKit.Protocol.Dhcp;

namespace PxeKit.Server.Dhcp;

/// <summary>What a request says about its client, in a few words for the journal.</summary>
public static class ClientDescription
{
    /// <summary>E.g. <c>arch 0 (IntelX86Pc), vendor "PXEClient:Arch:00000:UNDI:002001", user class "iPXE"</c>.</summary>
    public static string Of(DhcpMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var parts = new List<string>();
        if (request.Architecture is { } arch)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"arch {(ushort)arch} ({arch})"));
        }

        if (request.VendorClass is { } vendor)
        {
            parts.Add($"vendor \"{vendor}\"");
        }

        if (request.UserClasses is [_, ..] userClasses)
        {
            parts.Add($"user class \"{string.Join(',', userClasses)}\"");
        }

        if (!request.GatewayAddress.Equals(IPAddress.Any))
        {
            parts.Add($"via relay {request.GatewayAddress}");
        }

        return parts.Count == 0 ? "no vendor or architecture options" : string.Join(", ", parts);
    }
}
