using System.Globalization;

namespace PxeKit.Diagnostics.Firewall;

/// <summary>
/// ICMPv6 message types by the names ip6tables (<c>ip6tables -p icmpv6 -h</c>) and nft (<c>nft describe icmpv6 type</c>)
/// accept, and by number (RFC 4443 section 2.1, RFC 4861 section 4, RFC 3810).
/// </summary>
internal static class Icmpv6TypeNames
{
    private static readonly Dictionary<string, int> Types = new(StringComparer.OrdinalIgnoreCase)
    {
        ["destination-unreachable"] = 1,
        ["packet-too-big"] = 2,
        ["time-exceeded"] = 3,
        ["ttl-exceeded"] = 3,
        ["parameter-problem"] = 4,
        ["param-problem"] = 4,
        ["echo-request"] = 128,
        ["echo-reply"] = 129,
        ["mld-listener-query"] = 130,
        ["mld-listener-report"] = 131,
        ["mld-listener-done"] = 132,
        ["mld-listener-reduction"] = 132,
        ["router-solicitation"] = 133,
        ["nd-router-solicit"] = 133,
        ["router-advertisement"] = 134,
        ["nd-router-advert"] = 134,
        ["neighbour-solicitation"] = 135,
        ["neighbor-solicitation"] = 135,
        ["nd-neighbor-solicit"] = 135,
        ["neighbour-advertisement"] = 136,
        ["neighbor-advertisement"] = 136,
        ["nd-neighbor-advert"] = 136,
        ["redirect"] = 137,
        ["nd-redirect"] = 137,
        ["router-renumbering"] = 138,
        ["ind-neighbor-solicit"] = 141,
        ["ind-neighbor-advert"] = 142,
        ["mld2-listener-report"] = 143,
    };

    /// <summary>The type of a name or number; ip6tables' <c>TYPE/CODE</c> form is read for its type. False when unknown.</summary>
    public static bool TryParse(string text, out int type)
    {
        ArgumentNullException.ThrowIfNull(text);
        var name = text.Split('/')[0];
        if (int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out type))
        {
            return type <= byte.MaxValue;
        }

        return Types.TryGetValue(name, out type);
    }
}
