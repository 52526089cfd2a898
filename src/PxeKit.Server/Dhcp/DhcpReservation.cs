using System.Net;

namespace PxeKit.Server.Dhcp;

/// <summary>A fixed address for one MAC (canonical lower-case colon form).</summary>
public sealed record DhcpReservation(string Mac, IPAddress Address, string? HostName = null);
