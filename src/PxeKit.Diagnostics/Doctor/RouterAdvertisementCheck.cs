using System.Globalization;
using System.Net.Sockets;
using PxeKit.Core.Events;
using PxeKit.Core.Net;

namespace PxeKit.Diagnostics.Doctor;

/// <summary>
/// When serve answers DHCPv6 and sends no router advertisements itself: one router solicitation on the interface, and
/// what the routers answer within <see cref="Wait"/> (managed and other flags, prefix), with the interface's global or
/// unique-local address. PXE firmware asks DHCPv6 and reaches the server's prefix only after an advertisement with the managed flag;
/// the engine's rule judges it. <paramref name="solicit"/> sends the solicitation and listens (the server's
/// <c>RouterSolicitor</c>, which owns the ICMPv6 socket).
/// </summary>
public sealed class RouterAdvertisementCheck(Func<string, TimeSpan, CancellationToken, Task<IReadOnlyList<HeardRouter>>> solicit) : IDoctorCheck
{
    /// <summary>How long to listen after the solicitation: routers answer within 0.5 s (RFC 4861 MAX_RA_DELAY_TIME), with room to spare.</summary>
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(3);

    public string Name => "router advertisements";

    public async Task<CheckResult> RunAsync(DoctorSubject subject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        if (!subject.Dhcp6 || subject.RouterAdvertisements || subject.Interface is not { } name)
        {
            return new CheckResult([], []);
        }

        var address = InterfaceIpv6Address.Find(name);
        var observations = new List<HostObservation>();
        observations.Add(address is null
            ? HostObservation.Info(Name, $"{name} has no global or unique-local IPv6 address: DHCPv6 clients get no address of the server for TFTP and HTTP.", $"ip addr add fd00::1/64 dev {name}")
            : HostObservation.Ok(Name, $"{name} has {address.Address}/{address.PrefixLength}."));

        IReadOnlyList<HeardRouter> routers;
        try
        {
            routers = await solicit(name, Wait, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            observations.Add(HostObservation.Info(Name, $"No router solicitation was sent on {name} ({e.Message}), so whether a router advertises DHCPv6 is not known.", "run the doctor as root"));
            return new CheckResult(observations, []);
        }

        foreach (var router in routers)
        {
            var advertised = router.Advertised;
            var flags = advertised is { Managed: false, OtherConfiguration: false } ? "neither managed nor other flag" : $"managed {(advertised.Managed ? "on" : "off")}, other {(advertised.OtherConfiguration ? "on" : "off")}";
            var prefixes = advertised.Prefixes.Count == 0 ? "none" : string.Join(", ", advertised.Prefixes);
            observations.Add(HostObservation.Ok(Name, string.Create(CultureInfo.InvariantCulture, $"{router.Address} advertises on {name}: {flags}, prefix {prefixes}, router lifetime {advertised.Lifetime.TotalSeconds:0} s.")));
        }

        var facts = new RouterAdvertisementFacts
        {
            WaitedSeconds = Wait.TotalSeconds,
            Routers = routers,
            InterfaceAddress = address is null ? null : $"{address.Address}/{address.PrefixLength}",
        };
        return new CheckResult(observations, [HostEvidence.Of(BootStep.HostRouterAdvertisement) with { RouterAdvertisement = facts, Detail = $"{routers.Count} router(s) heard on {name}" }]);
    }
}
