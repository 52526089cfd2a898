using PxeKit.Protocol.Tftp;

namespace PxeKit.Server.Tftp;

/// <summary>
/// What one peer may hold of the TFTP server: transfers at once, per client address and in all, and
/// how long one transfer and one wait may last. A request over a cap is not answered (see docs/tftp.md,
/// "Limits"): firmware retransmits an unanswered request, and is served once a slot is free.
/// </summary>
public sealed record TftpLimits
{
    /// <summary>
    /// Transfers running at once, all clients together. Default: 500. Each holds a socket and a file (two
    /// descriptors) and at most one block buffer and 8 KiB of read-ahead: 500 stay under 1,000 descriptors
    /// and about 50 MB even with 64 KiB blocks; 200 lock-step downloads are the benchmarked load.
    /// </summary>
    public int MaxTransfers { get; init; } = 500;

    /// <summary>
    /// Transfers running at once for one client address. Default: 16. A PXE client downloads one file at
    /// a time (UEFI's tsize probe and its download follow each other); 16 leaves room for retries whose
    /// earlier attempt is still timing out, and for a few machines behind one NAT address, while one
    /// flooding host holds at most 16 of the 500 slots and every other address stays served.
    /// </summary>
    public int MaxTransfersPerClient { get; init; } = 16;

    /// <summary>
    /// Longest time one transfer may take from its request to its last block, whatever its progress and
    /// whatever timeout it asked for; then it ends (<c>LifetimeExceeded</c>). Default: 10 minutes, about
    /// a 500 MB image in lock-step on a LAN.
    /// </summary>
    public TimeSpan TransferLifetime { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Longest wait for one packet. A client's RFC 2349 timeout above it is not acknowledged (RFC 2347 lets
    /// a server ignore an option), and the transfer runs on the server's own timeouts; retransmission
    /// backoff stops growing at it. Default: 10 seconds (RFC 2349 allows a client to ask up to 255).
    /// </summary>
    public TimeSpan MaxTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Every problem of these limits, all at once; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (MaxTransfers is < 1 or > 100_000)
        {
            errors.Add($"TFTP max-transfers: {MaxTransfers} is outside 1-100000.");
        }

        if (MaxTransfersPerClient < 1 || MaxTransfersPerClient > MaxTransfers)
        {
            errors.Add($"TFTP max-transfers-per-client: {MaxTransfersPerClient} is outside 1-{MaxTransfers} (max-transfers).");
        }

        if (TransferLifetime <= TimeSpan.Zero)
        {
            errors.Add($"TFTP transfer-lifetime: {TransferLifetime} must be positive.");
        }

        if (MaxTimeout < TimeSpan.FromSeconds(TftpConstants.MinTimeoutSeconds) || MaxTimeout > TimeSpan.FromSeconds(TftpConstants.MaxTimeoutSeconds))
        {
            errors.Add($"TFTP max-timeout: {MaxTimeout} is outside {TftpConstants.MinTimeoutSeconds}-{TftpConstants.MaxTimeoutSeconds} s.");
        }

        return errors;
    }
}
