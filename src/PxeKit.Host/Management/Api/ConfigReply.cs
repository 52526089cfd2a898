namespace PxeKit.Host.Management;

/// <summary>
/// <c>GET /api/v1/config</c>: the configuration served now, as the command line, the YAML and the reloads left it, with
/// every default filled in. No secret is in it: the management token shows only as whether there is one.
/// </summary>
/// <param name="Scopes">The scopes served now, with the reservations of the YAML and those set through the API.</param>
/// <param name="Profiles">The profiles' names, in the order they are tried (<c>GET /api/v1/profiles</c> has the rest).</param>
/// <param name="Groups">The groups the profiles match (<c>groups:</c>), with their machines and variables.</param>
/// <param name="Warnings">What was accepted but looks wrong, as serve printed at start or reload.</param>
public sealed record ConfigReply(
    ServeMode Mode,
    IReadOnlyList<InterfaceEntry> Interfaces,
    string Root,
    string? Templates,
    string LeaseDb,
    IReadOnlyList<ScopeEntry> Scopes,
    IReadOnlyList<string> Profiles,
    IReadOnlyList<GroupEntry> Groups,
    HttpEntry? Http,
    TftpEntry Tftp,
    string? BootApi,
    ManagementEntry? Management,
    IReadOnlyList<string> Warnings);
