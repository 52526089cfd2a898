namespace PxeKit.Server.Http;

/// <summary>
/// How many connections the HTTP boot server keeps open at once: from everyone, and from one address, so that one host
/// cannot take them all. Raise the second where many machines reach PxeKit from one address (behind NAT, or a load test).
/// </summary>
/// <param name="MaxConnections">From everyone. Default: 512.</param>
/// <param name="MaxConnectionsPerAddress">From one address. Default: 32 (iPXE opens one or two at a time; UEFI HTTP Boot one).</param>
public sealed record HttpConnectionLimits(int MaxConnections = 512, int MaxConnectionsPerAddress = 32)
{
    /// <summary>Every problem with these limits, one sentence each; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate() =>
        MaxConnections < 1 || MaxConnectionsPerAddress < 1 || MaxConnectionsPerAddress > MaxConnections
            ? [$"HTTP connections: {MaxConnections} in all (max-connections) and {MaxConnectionsPerAddress} per address (max-connections-per-address) must be at least 1, and per address no more than in all."]
            : [];
}
