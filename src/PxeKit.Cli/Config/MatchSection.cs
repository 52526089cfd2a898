namespace PxeKit.Cli.Config;

/// <summary>The <c>match:</c> of a profile; every condition given must hold.</summary>
public sealed class MatchSection
{
    /// <summary>Option 93 values, as numbers or names (bios, uefi-x64, arm64, uefi-x64-http, ...).</summary>
    public List<string>? Arch { get; set; }

    /// <summary>Option 60 prefix, e.g. PXEClient or HTTPClient.</summary>
    public string? VendorClass { get; set; }

    /// <summary>Option 77 class, e.g. iPXE.</summary>
    public string? UserClass { get; set; }

    public List<string>? Mac { get; set; }

    /// <summary>Names of groups (see <c>groups:</c>).</summary>
    public List<string>? Group { get; set; }

    /// <summary>The interfaces the request must arrive on.</summary>
    public List<string>? Interface { get; set; }

    /// <summary>Subnets, NETWORK/PREFIX: the relay's (giaddr) for a relayed request, else the interface's.</summary>
    public List<string>? Subnet { get; set; }

    /// <summary>Machine UUIDs (option 97).</summary>
    public List<string>? Uuid { get; set; }

    /// <summary>Host names (option 12); a trailing * matches a prefix.</summary>
    public List<string>? Hostname { get; set; }

    /// <summary>Option 82 circuit ids: text, or colon hex for bytes that are not printable.</summary>
    public List<string>? CircuitId { get; set; }

    /// <summary>Option 82 remote ids: text, or colon hex for bytes that are not printable.</summary>
    public List<string>? RemoteId { get; set; }
}
