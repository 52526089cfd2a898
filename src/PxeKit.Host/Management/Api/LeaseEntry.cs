namespace PxeKit.Host.Management;

/// <summary>A lease held now: whose, which address, until when, and the host name the client gave.</summary>
public sealed record LeaseEntry(string Mac, string Address, DateTimeOffset Expires, string? HostName);
