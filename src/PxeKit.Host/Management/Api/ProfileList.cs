namespace PxeKit.Host.Management;

/// <summary><c>GET /api/v1/profiles</c>: the running configuration's profiles, in the order they are tried.</summary>
public sealed record ProfileList(IReadOnlyList<ProfileEntry> Profiles);
