namespace PxeKit.Core.Events;

/// <summary>One router advertisement heard (RFC 4861 section 4.2), reduced to what DHCPv6 netboot depends on.</summary>
/// <param name="Address">The router's (link-local) address.</param>
/// <param name="Managed">M: addresses come from DHCPv6.</param>
/// <param name="OtherConfiguration">O: other configuration (the boot file URL) comes from DHCPv6.</param>
/// <param name="LifetimeSeconds">How long it is a default router; 0 when it is none.</param>
/// <param name="Prefix">Its first prefix (<c>fd00:47::/64</c>); null when it advertises none.</param>
public sealed record HeardRouter(string Address, bool Managed, bool OtherConfiguration, int LifetimeSeconds, string? Prefix);
