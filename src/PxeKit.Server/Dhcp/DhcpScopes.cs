using System.Net;

namespace PxeKit.Server.Dhcp;

/// <summary>The configured scopes, and which one a request belongs to.</summary>
public sealed class DhcpScopes(IReadOnlyList<DhcpScope> scopes)
{
    public IReadOnlyList<DhcpScope> All { get; } = scopes;

    /// <summary>
    /// A relayed request belongs to the scope whose subnet holds giaddr (RFC 2131 section 4.3.1);
    /// any other to the scope of the interface it arrived on.
    /// </summary>
    public DhcpScope? For(DhcpRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var relay = context.Request.GatewayAddress;
        if (!relay.Equals(IPAddress.Any))
        {
            return All.FirstOrDefault(s => s.RelayedNetwork is not null && s.OnSubnet(relay))
                ?? All.FirstOrDefault(s => s.OnSubnet(relay));
        }

        return All.FirstOrDefault(s => s.RelayedNetwork is null && string.Equals(s.Interface, context.Interface, StringComparison.Ordinal));
    }
}
