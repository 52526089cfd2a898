namespace PxeKit.Lab.Fixtures;

/// <summary>A complete arm64 boot tree, ready to be a TFTP root (<see cref="Arm64BootFixture"/>).</summary>
/// <param name="Directory">The tree's root.</param>
/// <param name="Rebuilt">True when this call built or completed it; false when the cached tree was complete.</param>
public sealed record Arm64FixtureSet(string Directory, bool Rebuilt)
{
    /// <summary>Full paths of the tree's files (<see cref="Arm64BootFixture.Files"/>).</summary>
    public IReadOnlyList<string> Files => [.. Arm64BootFixture.Files.Select(f => Path.Combine(Directory, f))];

    /// <summary>The GRUB image, the boot file to offer arm64 clients.</summary>
    public string GrubImagePath => Path.Combine(Directory, Arm64BootFixture.GrubImage);
}
