using System.Net;

namespace PxeKit.Server.Dhcp;

/// <summary>The configured scopes, and which one a request belongs to; replaced whole by a reload.</summary>
public sealed class DhcpScopes(IReadOnlyList<DhcpScope> scopes)
{
    private volatile IReadOnlyList<DhcpScope> _all = scopes;

    public IReadOnlyList<DhcpScope> All => _all;

    /// <summary>
    /// Requests from now on are served from <paramref name="next"/> (a reload, or the interface's new address); one
    /// under way finishes with the scope it was given. The leases are the pool's and stay.
    /// </summary>
    public void Replace(IReadOnlyList<DhcpScope> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        _all = next;
    }

    /// <summary>
    /// A relayed request belongs to the scope whose subnet holds giaddr (RFC 2131 section 4.3.1);
    /// any other to the scope of the interface it arrived on.
    /// </summary>
    public DhcpScope? For(DhcpRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var all = _all;
        var relay = context.Request.GatewayAddress;
        DhcpScope? onSubnet = null;
        // An indexed loop, not LINQ with lambdas: this runs for every request, and each lambda would capture the request.
        for (int i = 0; i < all.Count; i++)
        {
            var scope = all[i];
            if (relay.Equals(IPAddress.Any))
            {
                if (scope.RelayedNetwork is null && string.Equals(scope.Interface, context.Interface, StringComparison.Ordinal))
                {
                    return scope;
                }
            }
            else if (scope.OnSubnet(relay))
            {
                if (scope.RelayedNetwork is not null)
                {
                    return scope;
                }

                onSubnet ??= scope;
            }
        }

        return onSubnet;
    }
}
