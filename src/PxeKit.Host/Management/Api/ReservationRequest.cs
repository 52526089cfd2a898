namespace PxeKit.Host.Management;

/// <summary>The body of <c>PUT /api/v1/clients/{mac}/reservation</c>: the IPv4 address the machine is given, and its host name (option 12).</summary>
public sealed record ReservationRequest(string? Address, string? HostName = null);
