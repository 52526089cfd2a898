namespace PxeKit.Lab.Network;

/// <summary>One interface inside the lab namespace, as <c>ip -j addr show</c> reports it.</summary>
public sealed record LabLink(string Name, bool IsUp, string? Master, IReadOnlyList<string> Addresses);
