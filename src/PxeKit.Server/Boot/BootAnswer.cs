using System.Net;

namespace PxeKit.Server.Boot;

/// <summary>What a client should boot: the file (a TFTP path or a URL), the server that has it, and why.</summary>
public sealed record BootAnswer(string BootFile, IPAddress? NextServer = null)
{
    /// <summary>The profile that chose it (empty for a fixed boot file).</summary>
    public string Profile { get; init; } = "";

    public BootAction Action { get; init; } = BootAction.Program;

    /// <summary>The boot file is a URL for UEFI HTTP Boot: the reply must echo option 60 <c>HTTPClient</c>.</summary>
    public bool ForHttpClient { get; init; }

    /// <summary>The options of the profile that chose it, added to the reply (<see cref="Dhcp.ConfiguredOption.AddTo"/>).</summary>
    public IReadOnlyList<Dhcp.ConfiguredOption> Options { get; init; } = [];

    /// <summary>How the journal tells it: <c>pxelinux.0 (profile bios)</c>.</summary>
    public string Describe() => Profile.Length == 0 ? BootFile : $"{BootFile} (profile {Profile}{(Action == BootAction.ChainloadIpxe ? ", chainloading iPXE" : "")})";
}
