using PxeKit.Core.Events;

namespace PxeKit.Diagnostics.Engine;

/// <summary>What the engine knows of where it runs, for the words of its verdicts and the host's side of the evidence.</summary>
public sealed record EngineOptions
{
    /// <summary>The interface PxeKit serves (or the capture was taken on), when there is one.</summary>
    public string? Interface { get; init; }

    /// <summary>
    /// The sockets PxeKit itself listens on beside the capture (serve): only for these can a request seen on the wire
    /// and not by the socket have been dropped on the host. None where there is no PxeKit socket (a capture file).
    /// </summary>
    public PxeKitSockets Sockets { get; init; }

    /// <summary>The boot root PxeKit serves, when it is the server being watched: fixes name it.</summary>
    public string? BootRoot { get; init; }

    /// <summary>PxeKit's own address, when PxeKit is the server being watched.</summary>
    public string? ServerAddress { get; init; }

    /// <summary>
    /// Reads this host's firewall for a question (serve and doctor, which run on the server's host); null where the
    /// host is not the server's (a capture file), and rules then say what the wire shows without it.
    /// </summary>
    public Func<HostTraffic, CancellationToken, Task<Verdicts.FirewallAdvice>>? Firewall { get; init; }

    /// <summary>
    /// How long a reading of the host's firewall is reused: verdicts that need it within this time share one reading
    /// (and one set of iptables and nft processes), however many clients a flood brings.
    /// </summary>
    public TimeSpan FirewallRereadAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A fault whose cause is the host (its firewall drops a kind of request) is told once per period, about the first
    /// client it met in that period, not once per client: a flood of forged MACs is one verdict, not thousands.
    /// </summary>
    public TimeSpan HostFaultPeriod { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a request may take from the wire to PxeKit's socket before it counts as dropped.</summary>
    public TimeSpan SocketGrace { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a first TFTP block may wait for a later success before its silence is the return path.</summary>
    public TimeSpan ReturnPathPatience { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long after an offer without boot information some other server may still add it (proxyDHCP).</summary>
    public TimeSpan ProxyGrace { get; init; } = TimeSpan.FromSeconds(2);
}
