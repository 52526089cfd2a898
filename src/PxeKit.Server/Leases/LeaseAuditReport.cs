using System.Net;

namespace PxeKit.Server.Leases;

/// <summary>
/// What <see cref="LeaseAudit"/> found: addresses held by several clients (each named as <see cref="ClientKey"/> prints it:
/// the MAC, or <c>id 01:...</c>), and ACKed leases the store lost.
/// </summary>
public sealed record LeaseAuditReport(
    int LeaseCount,
    int AckCount,
    IReadOnlyList<(IPAddress Address, IReadOnlyList<string> Clients)> Duplicates,
    IReadOnlyList<AckedLease> Missing)
{
    public bool Clean => Duplicates.Count == 0 && Missing.Count == 0;

    /// <summary>One line per finding and a last line with the counts.</summary>
    public IEnumerable<string> Describe()
    {
        foreach (var (address, clients) in Duplicates)
        {
            yield return $"duplicate: {address} is held by {string.Join(", ", clients)}";
        }

        foreach (var ack in Missing)
        {
            var client = ack.Client.IsIdentifier ? $"{ack.Mac} ({ack.Client})" : ack.Mac;
            yield return $"missing: {client} was ACKed {ack.Address} at {ack.Seen:HH:mm:ss.fff} and the store does not hold it";
        }

        yield return $"{LeaseCount} leases, {AckCount} ACKs checked: {Duplicates.Count} duplicate addresses, {Missing.Count} ACKed leases missing";
    }
}
