namespace PxeKit.Host.Management;

/// <summary>An address reserved for a MAC, with the host name it is given.</summary>
public sealed record ReservationEntry(string Mac, string Address, string? HostName);
