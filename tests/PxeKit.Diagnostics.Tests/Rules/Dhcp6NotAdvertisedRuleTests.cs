using PxeKit.Core.Events;
using PxeKit.Core.Verdicts;
using PxeKit.Diagnostics.Doctor;

namespace PxeKit.Diagnostics.Tests.Rules;

/// <summary>What the doctor heard after its router solicitation, judged.</summary>
public sealed class Dhcp6NotAdvertisedRuleTests
{
    private static readonly DoctorSubject Subject = new() { Interface = "lab0", Dhcp6 = true };

    private static BootEvent Heard(params HeardRouter[] routers) => new()
    {
        Time = DateTimeOffset.UnixEpoch,
        Step = BootStep.HostRouterAdvertisement,
        Source = EvidenceSource.Host,
        RouterAdvertisement = new RouterAdvertisementFacts { WaitedSeconds = 3, Routers = routers, InterfaceAddress = "fd00:49::1/64" },
    };

    [Fact]
    public void No_router_at_all_is_certain_and_the_fix_offers_pxekits_own_advertisements()
    {
        var verdict = Assert.Single(PxeKit.Diagnostics.Doctor.Doctor.Judge(Subject, [Heard()]));

        Assert.Equal((FaultId.Dhcp6NotAdvertised, Confidence.Certain), (verdict.Fault, verdict.Confidence));
        Assert.Equal("No router answered a router solicitation on lab0 within 3 s.", verdict.Seen);
        Assert.Contains("PXE firmware will not run DHCPv6", verdict.Cause, StringComparison.Ordinal);
        Assert.StartsWith("set router-advertisements: managed", verdict.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void A_router_without_the_managed_or_other_flag_is_named_with_its_prefix()
    {
        var verdict = Assert.Single(PxeKit.Diagnostics.Doctor.Doctor.Judge(Subject, [Heard(new HeardRouter("fe80::1", false, false, 1800, "2001:db8::/64"))]));

        Assert.Equal("Routers answered on lab0 without the managed or other flag: fe80::1 (prefix 2001:db8::/64).", verdict.Seen);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void One_router_with_either_flag_is_enough(bool managed, bool other)
    {
        var verdicts = PxeKit.Diagnostics.Doctor.Doctor.Judge(Subject, [Heard(new HeardRouter("fe80::1", false, false, 1800, null), new HeardRouter("fe80::2", managed, other, 0, "fd00:49::/64"))]);

        Assert.Empty(verdicts);
    }
}
