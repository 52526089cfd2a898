using PxeKit.Core.Capture;
using PxeKit.Core.Verdicts;
using PxeKit.Diagnostics.Tests.Support;
using PxeKit.Diagnostics.Trace;
using PxeKit.Protocol.Dhcp6;

namespace PxeKit.Diagnostics.Tests.Trace;

/// <summary>The IPv6 forms of the wire verdicts: the same rules, the same fault ids, causes and fixes that name IPv6's things.</summary>
public sealed class WireVerdictsIpv6Tests : IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("pxc-trace6-");

    public void Dispose() => _work.Delete(recursive: true);

    [HostFact(Root = false, Libraries = [HostNeeds.Libpcap], Unit = true)]
    public void Solicits_that_no_server_answers_read_back_from_a_pcapng_file()
    {
        var script = new WireScript()
            .At(0).Udp(Payloads6.ClientLinkLocal, 546, Payloads6.AllRoutersAndServers, 547, Payloads6.Solicit(7))
            .At(1.1).Udp(Payloads6.ClientLinkLocal, 546, Payloads6.AllRoutersAndServers, 547, Payloads6.Solicit(7))
            .At(3.3).Udp(Payloads6.ClientLinkLocal, 546, Payloads6.AllRoutersAndServers, 547, Payloads6.Solicit(7));
        var path = Path.Combine(_work.FullName, "solicits.pcapng");
        CaptureFixtures.WritePcapNg(path, script.Frames);
        var analyzer = new TraceAnalyzer();
        foreach (var frame in CaptureFile.Read(path))
        {
            analyzer.Add(frame);
        }

        analyzer.Finish();

        var verdict = Assert.Single(Diagnosis.Of(analyzer));
        Assert.Equal((FaultId.DhcpUnanswered, Payloads.Mac), (verdict.Fault, verdict.Client));
        Assert.Equal("No DHCPv6 server answered.", verdict.Cause);
        Assert.Contains("3 DHCPv6 Solicits to UDP 547 over 3.3 s", verdict.Seen, StringComparison.Ordinal);
        Assert.Contains("UDP 547", verdict.Fix, StringComparison.Ordinal);
        Assert.Contains("ip6tables", verdict.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void A_single_solicit_at_the_end_of_a_capture_is_not_yet_a_fault()
    {
        var script = new WireScript().At(0).Udp(Payloads6.ClientLinkLocal, 546, Payloads6.AllRoutersAndServers, 547, Payloads6.Solicit(7));

        Assert.Empty(Diagnosis.Of(script.Run()));
    }

    [Fact]
    public void An_advertise_without_a_boot_file_url_to_a_client_that_asked_for_one()
    {
        var verdict = Assert.Single(Diagnosis.Of(new WireScript().Lease6(bootUrl: null).Run()));

        Assert.Equal((FaultId.OfferWithoutBootInfo, Payloads.Mac), (verdict.Fault, verdict.Client));
        Assert.Contains($"got the address {Payloads6.Client} from {Payloads6.ServerLinkLocal}, with no boot file URL", verdict.Cause, StringComparison.Ordinal);
        Assert.Contains("option 59", verdict.Seen, StringComparison.Ordinal);
        Assert.Contains("option 59", verdict.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void An_address_without_a_boot_url_to_a_client_that_did_not_ask_for_one_is_no_fault()
    {
        var script = new WireScript()
            .At(0).Udp(Payloads6.ClientLinkLocal, 546, Payloads6.AllRoutersAndServers, 547, Payloads6.Solicit(9, asksBootUrl: false))
            .At(0.01).Udp(Payloads6.ServerLinkLocal, 547, Payloads6.ClientLinkLocal, 546, Payloads6.Answer(Dhcp6MessageType.Advertise, 9, Payloads6.Client, null));

        Assert.Empty(Diagnosis.Of(script.Run()));
    }

    [Fact]
    public void Router_solicitations_that_nothing_answers()
    {
        var script = new WireScript()
            .At(0).Icmpv6(Payloads6.ClientLinkLocal, Payloads6.AllRouters, Payloads6.RouterSolicitation())
            .At(4).Icmpv6(Payloads6.ClientLinkLocal, Payloads6.AllRouters, Payloads6.RouterSolicitation())
            .At(8).Icmpv6(Payloads6.ClientLinkLocal, Payloads6.AllRouters, Payloads6.RouterSolicitation());

        var verdict = Assert.Single(Diagnosis.Of(script.Run()));

        Assert.Equal((FaultId.NoManagedRouterAdvertisement, Payloads.Mac), (verdict.Fault, verdict.Client));
        Assert.StartsWith("No IPv6 router advertisement answered", verdict.Cause, StringComparison.Ordinal);
        Assert.Contains("3 IPv6 router solicitations (ICMPv6 type 133) over 8.0 s", verdict.Seen, StringComparison.Ordinal);
        Assert.Contains("router-advertisements: managed", verdict.Fix, StringComparison.Ordinal);
        Assert.Contains("ip6tables", verdict.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Router_advertisements_without_the_managed_flag()
    {
        var script = new WireScript()
            .At(0).Icmpv6(Payloads6.ClientLinkLocal, Payloads6.AllRouters, Payloads6.RouterSolicitation())
            .At(0.01).Icmpv6(Payloads6.ServerLinkLocal, Payloads6.AllNodes, Payloads6.RouterAdvertisement(managed: false))
            .At(4).Icmpv6(Payloads6.ClientLinkLocal, Payloads6.AllRouters, Payloads6.RouterSolicitation())
            .At(4.01).Icmpv6(Payloads6.ServerLinkLocal, Payloads6.ClientLinkLocal, Payloads6.RouterAdvertisement(managed: false));

        var verdict = Assert.Single(Diagnosis.Of(script.Run()));

        Assert.Equal(FaultId.NoManagedRouterAdvertisement, verdict.Fault);
        Assert.StartsWith("The IPv6 router advertisements here do not set the managed flag", verdict.Cause, StringComparison.Ordinal);
        Assert.Contains($"from {Payloads6.ServerLinkLocal} set no managed flag (prefix fd00:47::/64)", verdict.Seen, StringComparison.Ordinal);
    }

    [Fact]
    public void A_managed_advertisement_then_dhcp6_with_a_boot_url_is_a_clean_boot()
    {
        var script = new WireScript().Lease6()
            .At(10).Icmpv6(Payloads6.ClientLinkLocal, Payloads6.AllRouters, Payloads6.RouterSolicitation());

        Assert.Empty(Diagnosis.Of(script.Run()));
    }
}
