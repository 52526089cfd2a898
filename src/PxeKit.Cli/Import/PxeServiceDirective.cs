namespace PxeKit.Cli.Import;

/// <summary><c>pxe-service=[tag:T,]CSA,MENU-TEXT[,BASENAME|SERVICE-TYPE][,SERVER]</c>: an entry of a PXE boot menu.</summary>
/// <param name="Architecture">The client system architecture (option 93) the entry is for.</param>
/// <param name="Csa">As written: <c>x86PC</c>, <c>x86-64_EFI</c>, or a number.</param>
/// <param name="BootFile">The file loaded, its layer suffix <c>.0</c> added when the basename has no extension; null for a service type.</param>
/// <param name="ServiceType">A boot service type (0 = boot the local disk); null when a file is given.</param>
/// <param name="Server">Another boot server's address or name; null for dnsmasq itself.</param>
public sealed record PxeServiceDirective(
    DnsmasqLine Line,
    IReadOnlyList<TagCondition> Tags,
    ushort Architecture,
    string Csa,
    string MenuText,
    string? BootFile,
    int? ServiceType,
    string? Server) : DnsmasqDirective(Line);
