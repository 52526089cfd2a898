namespace PxeKit.Server.Boot;

/// <summary>An iPXE menu of other profiles (each boots a kernel or the local disk): what a menu profile offers.</summary>
/// <param name="Items">The profiles offered, by name, in order.</param>
/// <param name="Default">The profile chosen when nobody chooses before <paramref name="Timeout"/>; null waits forever.</param>
public sealed record BootMenu(string Title, IReadOnlyList<string> Items, string? Default, TimeSpan Timeout)
{
    /// <summary>Equal by content (a reload compares profiles).</summary>
    public bool Equals(BootMenu? other) =>
        other is not null && Title == other.Title && Default == other.Default && Timeout == other.Timeout && Items.SequenceEqual(other.Items);

    public override int GetHashCode() => HashCode.Combine(Title, Default, Timeout, Items.Count);
}
