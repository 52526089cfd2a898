namespace PxeKit.Host.Management;

/// <summary>A profile: its name, what it boots (in words), whether it is boot-once, and the machines last answered with it.</summary>
/// <param name="Boots">What it boots: <c>program pxelinux.0</c>, <c>kernel vmlinuz</c>, <c>local disk</c>, <c>menu</c>.</param>
public sealed record ProfileEntry(string Name, string Boots, bool BootOnce, IReadOnlyList<string> Matched);
