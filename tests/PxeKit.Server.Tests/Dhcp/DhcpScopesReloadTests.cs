using System.Net;
using PxeKit.Protocol.Dhcp;

namespace PxeKit.Server.Tests.Dhcp;

/// <summary>A reload replaces the scopes the handler reads; the pool and its leases stay (issue 14, reload).</summary>
public sealed class DhcpScopesReloadTests
{
    private const string Mac = "52:54:00:00:00:01";

    [Fact]
    public void The_next_discover_after_a_replace_is_offered_from_the_new_range()
    {
        var f = new DhcpFixture();

        f.Scopes.Replace([f.Scope with { RangeStart = IPAddress.Parse("10.47.0.150"), RangeEnd = IPAddress.Parse("10.47.0.159") }]);

        Assert.Equal(IPAddress.Parse("10.47.0.150"), f.Dora(Mac));
    }

    [Fact]
    public void A_lease_outside_a_shrunk_range_stays_in_the_store_but_its_renewal_is_naked_and_the_client_moves_into_the_range()
    {
        var f = new DhcpFixture();
        var held = f.Dora(Mac);
        Assert.Equal(IPAddress.Parse("10.47.0.100"), held);

        f.Scopes.Replace([f.Scope with { RangeStart = IPAddress.Parse("10.47.0.105") }]);

        Assert.Contains(f.Store.LoadAll(), l => l.Mac == Mac && l.Address.Equals(held));
        Assert.Equal(DhcpMessageType.Nak, f.Send(DhcpFixture.Renewing(Mac, held))!.MessageType);
        Assert.Equal(IPAddress.Parse("10.47.0.105"), f.Dora(Mac));
    }
}
