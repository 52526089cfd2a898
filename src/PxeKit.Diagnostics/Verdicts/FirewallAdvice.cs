namespace PxeKit.Diagnostics.Verdicts;

/// <summary>What the host's firewall does to some traffic, and the commands that change it.</summary>
/// <param name="Seen">The rules that drop it (or that none does), in sentences.</param>
/// <param name="Fix">The commands that remove or get around those rules; empty when no rule is to blame.</param>
public sealed record FirewallAdvice(string Seen, string Fix)
{
    /// <summary>No word on the firewall: the host read is not the server's, or could not be read.</summary>
    public static FirewallAdvice None { get; } = new("", "");
}
