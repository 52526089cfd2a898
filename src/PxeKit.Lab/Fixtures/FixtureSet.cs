namespace PxeKit.Lab.Fixtures;

/// <summary>A complete boot tree (BIOS and UEFI), ready to be a TFTP or HTTP root.</summary>
/// <param name="Directory">The tree's root.</param>
/// <param name="Rebuilt">True when this call built or completed it; false when the cached tree was complete.</param>
public sealed record FixtureSet(string Directory, bool Rebuilt)
{
    /// <summary>Full paths of the BIOS boot's files (<see cref="BootFixture.Files"/>).</summary>
    public IReadOnlyList<string> Files => [.. BootFixture.Files.Select(f => Path.Combine(Directory, f))];

    /// <summary>Full paths of the iPXE / UEFI boot's files (<see cref="BootFixture.UefiFiles"/>).</summary>
    public IReadOnlyList<string> UefiFiles => [.. BootFixture.UefiFiles.Select(f => Path.Combine(Directory, f))];

    /// <summary>What <c>/init</c> prints when the boot succeeded.</summary>
    public static string Marker => BootFixture.Marker;
}
