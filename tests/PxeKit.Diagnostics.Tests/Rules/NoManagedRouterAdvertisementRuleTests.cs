using PxeKit.Core.Events;
using PxeKit.Core.Verdicts;
using PxeKit.Diagnostics.Doctor;

namespace PxeKit.Diagnostics.Tests.Rules;

/// <summary>
/// What the doctor heard after its router solicitation, judged by the rule a trace's router solicitations meet too
/// (<c>WireVerdictsIpv6Tests</c> and the fault matrix have the wire's side).
/// </summary>
public sealed class NoManagedRouterAdvertisementRuleTests
{
    private static readonly DoctorSubject Subject = new() { Interface = "lab0", Dhcp6 = true };

    private static BootEvent Heard(params HeardRouter[] routers) => new()
    {
        Time = DateTimeOffset.UnixEpoch,
        Step = BootStep.HostRouterAdvertisement,
        Source = EvidenceSource.Host,
        RouterAdvertisement = new RouterAdvertisementFacts { WaitedSeconds = 3, Routers = routers, InterfaceAddress = "fd00:49::1/64" },
    };

    private static HeardRouter Router(string address, bool managed, bool other, params string[] prefixes) =>
        new(address, new RouterFacts { Managed = managed, OtherConfiguration = other, Lifetime = TimeSpan.FromSeconds(1800), Prefixes = prefixes });

    [Fact]
    public void No_router_at_all_is_certain_and_the_fix_offers_pxekits_own_advertisements()
    {
        var verdict = Assert.Single(PxeKit.Diagnostics.Doctor.Doctor.Judge(Subject, [Heard()]));

        Assert.Equal((FaultId.NoManagedRouterAdvertisement, Confidence.Certain), (verdict.Fault, verdict.Confidence));
        Assert.Equal("No router answered a router solicitation on lab0 within 3 s.", verdict.Seen);
        Assert.Contains("PXE firmware will not ask DHCPv6", verdict.Cause, StringComparison.Ordinal);
        Assert.Contains("router-advertisements: managed", verdict.Fix, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Routers_without_the_managed_flag_are_named_with_their_prefixes(bool other)
    {
        var verdict = Assert.Single(PxeKit.Diagnostics.Doctor.Doctor.Judge(Subject, [Heard(Router("fe80::1", false, other, "2001:db8::/64"), Router("fe80::2", false, false))]));

        Assert.Equal("Routers answered on lab0 without the managed flag: fe80::1 (prefix 2001:db8::/64); fe80::2 (prefix none).", verdict.Seen);
    }

    [Fact]
    public void One_router_with_the_managed_flag_is_enough()
    {
        var verdicts = PxeKit.Diagnostics.Doctor.Doctor.Judge(Subject, [Heard(Router("fe80::1", false, false), Router("fe80::2", true, false, "fd00:49::/64"))]);

        Assert.Empty(verdicts);
    }
}
