namespace PxeKit.Host.Management;

/// <summary>A machine's settings set through the management API: its reserved address (and host name), and boot-local.</summary>
public sealed record ClientOverrides(string? Address, string? HostName, bool BootLocal);
