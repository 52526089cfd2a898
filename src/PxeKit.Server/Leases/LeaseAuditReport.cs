using System.Net;

namespace PxeKit.Server.Leases;

/// <summary>What <see cref="LeaseAudit"/> found: addresses held by several clients, and ACKed leases the store lost.</summary>
public sealed record LeaseAuditReport(
    int LeaseCount,
    int AckCount,
    IReadOnlyList<(IPAddress Address, IReadOnlyList<string> Macs)> Duplicates,
    IReadOnlyList<AckedLease> Missing)
{
    public bool Clean => Duplicates.Count == 0 && Missing.Count == 0;

    /// <summary>One line per finding and a last line with the counts.</summary>
    public IEnumerable<string> Describe()
    {
        foreach (var (address, macs) in Duplicates)
        {
            yield return $"duplicate: {address} is held by {string.Join(", ", macs)}";
        }

        foreach (var ack in Missing)
        {
            yield return $"missing: {ack.Mac} was ACKed {ack.Address} at {ack.Seen:HH:mm:ss.fff} and the store does not hold it";
        }

        yield return $"{LeaseCount} leases, {AckCount} ACKs checked: {Duplicates.Count} duplicate addresses, {Missing.Count} ACKed leases missing";
    }
}
