using System.Net;
using PxeKit.Protocol.Tftp;

namespace PxeKit.Server.Tftp;

/// <summary>Configuration of <see cref="TftpServer"/>. Check it with <see cref="Validate"/>.</summary>
public sealed record TftpServerOptions
{
    /// <summary>The directory served. Required; nothing outside it is ever read.</summary>
    public required string Root { get; init; }

    /// <summary>
    /// Network interface to bind to with SO_BINDTODEVICE (e.g. <c>br0</c>), or null for all interfaces.
    /// Needs CAP_NET_RAW.
    /// </summary>
    public string? Interface { get; init; }

    /// <summary>Address to listen on. Default: <see cref="IPAddress.Any"/>.</summary>
    public IPAddress ListenAddress { get; init; } = IPAddress.Any;

    /// <summary>UDP port of the listener. Default: 69. 0 lets the system pick one (tests).</summary>
    public int Port { get; init; } = TftpConstants.ServerPort;

    /// <summary>The templates directory under the root: its files are rendered per client (<see cref="Files.FileTemplates"/>). Default: none.</summary>
    public Files.FileTemplates? Templates { get; init; }

    /// <summary>Files made in memory per client, asked before the root (<see cref="Files.IGeneratedFiles"/>: GRUB's configuration for <c>chain: shim</c>). Default: none.</summary>
    public Files.IGeneratedFiles? Generated { get; init; }

    /// <summary>
    /// Accept write requests into the root. Default: false (WRQ answered with ERROR 2). Even then an
    /// upload never overwrites a file and never creates a directory.
    /// </summary>
    public bool AllowWrite { get; init; }

    /// <summary>
    /// Largest upload accepted: a larger announced tsize is refused at once, and an upload that grows
    /// past it is ended, both with ERROR 3. Default: 64 MiB.
    /// </summary>
    public long MaxWriteSize { get; init; } = 64L * 1024 * 1024;

    /// <summary>
    /// First retransmission timeout when the client did not ask for one (RFC 2349 timeout option).
    /// Each retry doubles it. Default: 1 second.
    /// </summary>
    public TimeSpan DefaultTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Shortest retransmission timeout learned from the measured round trips, when the client did not ask for a
    /// timeout of its own. Default: 100 ms (a resent block a client already has costs one duplicate ACK, ignored).
    /// </summary>
    public TimeSpan MinRetransmitTimeout { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Retransmissions of one packet before the transfer is given up, and never before the client has been silent
    /// as long as this many doubling timeouts from <see cref="DefaultTimeout"/> take (1 + 2 + 4 + ... s). Default: 5.
    /// </summary>
    public int MaxRetries { get; init; } = 5;

    /// <summary>Largest block size granted to a blksize request. Default: 65464 (the RFC 2348 limit).</summary>
    public int MaxBlockSize { get; init; } = TftpConstants.MaxBlockSize;

    /// <summary>Largest window granted to a windowsize request (RFC 7440). Default: 64.</summary>
    public int MaxWindowSize { get; init; } = 64;

    /// <summary>Caps on transfers at once, per client address and in all, and on how long a transfer and a wait last.</summary>
    public TftpLimits Limits { get; init; } = new();

    /// <summary>
    /// Threads that run the transfers, each waiting on all of its transfers at once (see
    /// <see cref="TftpReactor"/>). Default: one per core. 200 lock-step downloads on 2 cores took 13.1-15.3 s
    /// with 2, 16.7-18.3 s with 1 and 13.8-16.5 s with 4 (docs/benchmarks.md).
    /// </summary>
    public int TransferThreads { get; init; } = Environment.ProcessorCount;

    /// <summary>Every problem of this configuration, all at once; empty when it is usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Root))
        {
            errors.Add("TFTP root: required.");
        }
        else if (!Directory.Exists(Root))
        {
            errors.Add($"TFTP root: directory '{Root}' does not exist.");
        }

        if (Interface is { Length: 0 or > 15 })
        {
            errors.Add($"TFTP interface: '{Interface}' is not a valid interface name (1-15 characters).");
        }

        if (ListenAddress is null)
        {
            errors.Add("TFTP listen address: required.");
        }

        if (Port is < 0 or > 65535)
        {
            errors.Add($"TFTP port: {Port} is outside 0-65535.");
        }

        if (DefaultTimeout <= TimeSpan.Zero || DefaultTimeout > TimeSpan.FromSeconds(TftpConstants.MaxTimeoutSeconds))
        {
            errors.Add($"TFTP timeout: {DefaultTimeout} is outside (0, {TftpConstants.MaxTimeoutSeconds} s].");
        }

        if (MaxRetries is < 0 or > 100)
        {
            errors.Add($"TFTP retries: {MaxRetries} is outside 0-100.");
        }

        if (MaxBlockSize is < TftpConstants.MinBlockSize or > TftpConstants.MaxBlockSize)
        {
            errors.Add($"TFTP max block size: {MaxBlockSize} is outside {TftpConstants.MinBlockSize}-{TftpConstants.MaxBlockSize}.");
        }

        if (MaxWindowSize is < TftpConstants.MinWindowSize or > TftpConstants.MaxWindowSize)
        {
            errors.Add($"TFTP max window size: {MaxWindowSize} is outside {TftpConstants.MinWindowSize}-{TftpConstants.MaxWindowSize}.");
        }

        if (TransferThreads is < 1 or > 256)
        {
            errors.Add($"TFTP transfer threads: {TransferThreads} is outside 1-256.");
        }

        if (Limits is null)
        {
            errors.Add("TFTP limits: required.");
        }
        else
        {
            errors.AddRange(Limits.Validate());
            if (DefaultTimeout > Limits.MaxTimeout)
            {
                errors.Add($"TFTP timeout: {DefaultTimeout} is longer than max-timeout {Limits.MaxTimeout}.");
            }
        }

        if (MaxWriteSize < 0)
        {
            errors.Add("TFTP upload limit: must not be negative.");
        }

        return errors;
    }
}
