namespace PxeKit.Host.Management;

/// <summary>The management listener's settings; whether a token is asked for, never the token.</summary>
public sealed record ManagementEntry(string Address, int Port, bool Token);
