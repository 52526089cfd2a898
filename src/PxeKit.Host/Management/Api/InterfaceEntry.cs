namespace PxeKit.Host.Management;

/// <summary>An interface served, with the address PxeKit answers from on it.</summary>
public sealed record InterfaceEntry(string Name, string Address);
