namespace PxeKit.Lab.Fixtures;

/// <summary>A complete BIOS boot tree, ready to be a TFTP root.</summary>
/// <param name="Directory">The tree's root.</param>
/// <param name="Rebuilt">True when this call built it; false when the cached tree was complete.</param>
public sealed record FixtureSet(string Directory, bool Rebuilt)
{
    /// <summary>Full paths of the tree's files.</summary>
    public IReadOnlyList<string> Files => [.. BootFixture.Files.Select(f => Path.Combine(Directory, f))];

    /// <summary>What <c>/init</c> prints when the boot succeeded.</summary>
    public static string Marker => BootFixture.Marker;
}
