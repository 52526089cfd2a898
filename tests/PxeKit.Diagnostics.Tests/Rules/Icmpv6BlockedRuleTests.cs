using PxeKit.Core.Events;
using PxeKit.Core.Verdicts;
using PxeKit.Diagnostics.Doctor;

namespace PxeKit.Diagnostics.Tests.Rules;

/// <summary>The doctor's IPv6 firewall findings, judged: neighbour and router discovery, and the v6 forms of the drops PxeKit already names.</summary>
public sealed class Icmpv6BlockedRuleTests
{
    private static readonly DoctorSubject Subject = new() { Interface = "lab0", Dhcp6 = true };

    private static BootEvent Firewall(HostTraffic traffic, bool drops, bool certain = true) => new()
    {
        Time = DateTimeOffset.UnixEpoch,
        Step = BootStep.HostFirewall,
        Source = EvidenceSource.Host,
        Firewall = new FirewallFacts { Traffic = traffic, Family = IpFamily.Ipv6, Drops = drops, Certain = certain, Rules = drops ? "Rule X drops it." : "", Fix = drops ? "run Y" : "" },
    };

    [Fact]
    public void Dropped_neighbour_discovery_is_a_certain_fault_of_the_host_with_the_firewalls_fix()
    {
        var verdict = Assert.Single(PxeKit.Diagnostics.Doctor.Doctor.Judge(Subject, [Firewall(HostTraffic.NeighborDiscovery, drops: true), Firewall(HostTraffic.Dhcp6In, drops: false)]));

        Assert.Equal((FaultId.Icmpv6DroppedOnHost, Confidence.Certain, "run Y"), (verdict.Fault, verdict.Confidence, verdict.Fix));
        Assert.Contains("neighbour discovery on lab0", verdict.Cause, StringComparison.Ordinal);
        Assert.Contains("Rule X drops it.", verdict.Seen, StringComparison.Ordinal);
    }

    [Fact]
    public void Dropped_router_discovery_says_firmware_will_not_start_dhcpv6_and_an_uncertain_rule_is_likely()
    {
        var verdict = Assert.Single(PxeKit.Diagnostics.Doctor.Doctor.Judge(Subject, [Firewall(HostTraffic.RouterDiscovery, drops: true, certain: false)]));

        Assert.Equal((FaultId.Icmpv6DroppedOnHost, Confidence.Likely), (verdict.Fault, verdict.Confidence));
        Assert.Contains("does not start DHCPv6", verdict.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public void Dhcpv6_drops_are_the_dhcp_faults_in_their_ipv6_words()
    {
        var verdicts = PxeKit.Diagnostics.Doctor.Doctor.Judge(Subject, [Firewall(HostTraffic.Dhcp6In, drops: true), Firewall(HostTraffic.Dhcp6Out, drops: true), Firewall(HostTraffic.TftpIn, drops: true)]);

        Assert.Equal([FaultId.DhcpDroppedOnHost, FaultId.TftpDroppedOnHost, FaultId.DhcpRepliesBlocked], verdicts.Select(v => v.Fault).Order());
        Assert.Contains("DHCPv6 requests to PxeKit on lab0", verdicts.Single(v => v.Fault == FaultId.DhcpDroppedOnHost).Cause, StringComparison.Ordinal);
        Assert.Contains("TFTP requests over IPv6", verdicts.Single(v => v.Fault == FaultId.TftpDroppedOnHost).Cause, StringComparison.Ordinal);
        Assert.Contains("DHCPv6 requests would reach PxeKit", verdicts.Single(v => v.Fault == FaultId.DhcpRepliesBlocked).Cause, StringComparison.Ordinal);
    }

    [Fact]
    public void The_ipv4_and_ipv6_drops_of_one_kind_are_each_said()
    {
        var v4 = Firewall(HostTraffic.TftpIn, drops: true) with { Firewall = Firewall(HostTraffic.TftpIn, drops: true).Firewall! with { Family = IpFamily.Ipv4 } };

        var verdicts = PxeKit.Diagnostics.Doctor.Doctor.Judge(Subject, [v4, Firewall(HostTraffic.TftpIn, drops: true)]);

        Assert.Equal(2, verdicts.Count(v => v.Fault == FaultId.TftpDroppedOnHost));
    }
}
