using System.Net;

namespace PxeKit.Load.Conformance;

/// <summary>
/// Where the probe plays and what it may assume about the server. Only <see cref="Interface"/> and <see cref="Server"/>
/// are needed; a case that needs something not given ends as not applicable and says which option to add.
/// </summary>
public sealed record ConformanceOptions
{
    /// <summary>The most forged clients the starvation case plays (and the most DISCOVERs any case sends for one run).</summary>
    public const int MaxStarve = 2000;

    /// <summary>The most read requests the held-TFTP case leaves open at once (one socket each).</summary>
    public const int MaxHeldRequests = 4000;

    /// <summary>The interface the probe's packets leave from (bound with SO_BINDTODEVICE); run the probe in its namespace.</summary>
    public required string Interface { get; init; }

    /// <summary>The server's address on that segment: its server identifier, and where unicast (relay, 4011, TFTP) goes.</summary>
    public required IPAddress Server { get; init; }

    /// <summary>The server's dynamic range, first and last address; without it, "yiaddr in range" is not checked.</summary>
    public (IPAddress First, IPAddress Last)? Range { get; init; }

    /// <summary>
    /// A second address of the probe's namespace, on the same segment: it plays a relay agent (giaddr, port 67) and
    /// the host that holds TFTP transfers. Without it the relay and held-TFTP cases are not applicable.
    /// </summary>
    public IPAddress? SecondAddress { get; init; }

    /// <summary>A reservation the server was given (MAC and address), checked after the pool is starved.</summary>
    public (byte[] Mac, IPAddress Address)? Reserved { get; init; }

    /// <summary>A file the server serves over TFTP; without it the held-TFTP case is not applicable.</summary>
    public string? TftpFile { get; init; }

    /// <summary>How many never-acknowledged read requests the held-TFTP case sends. Default 1,000.</summary>
    public int HeldRequests { get; init; } = 1000;

    /// <summary>How many forged clients the starvation case plays at most; it stops earlier once the pool is dry. Default 300.</summary>
    public int Starve { get; init; } = 300;

    /// <summary>Whoever started the server left its log output (standard output) a pipe nobody reads.</summary>
    public bool LogStalled { get; init; }

    /// <summary>How long to wait for an answer that should come. Default 1.5 s, sent up to three times.</summary>
    public TimeSpan ReplyTimeout { get; init; } = TimeSpan.FromSeconds(1.5);

    /// <summary>How long a server must stay silent for a "silent" case to pass. Default 2 s.</summary>
    public TimeSpan SilenceWindow { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Case ids (or prefixes: <c>2131</c>, <c>hostile</c>) to run; empty runs them all.</summary>
    public IReadOnlyList<string> Only { get; init; } = [];
}
