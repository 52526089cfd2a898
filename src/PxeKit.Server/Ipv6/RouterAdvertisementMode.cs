namespace PxeKit.Server.Ipv6;

/// <summary>Whether the server sends IPv6 router advertisements on its interfaces (<c>router-advertisements:</c>).</summary>
public enum RouterAdvertisementMode
{
    /// <summary>None: the default, for segments with a router of their own.</summary>
    Off,

    /// <summary>
    /// Answer router solicitations, to the soliciting host alone, with an advertisement that configures nothing
    /// (<see cref="RouterAdvertiser"/>): iPXE stops waiting for IPv6 at once on a segment without a router.
    /// </summary>
    Quiet,

    /// <summary>
    /// For DHCPv6 netboot on a segment without a router: advertisements with the managed and other flags and the
    /// interface's prefix on-link, in answer to solicitations and every 200 s (<see cref="RouterAdvertiser"/>).
    /// </summary>
    Managed,
}
