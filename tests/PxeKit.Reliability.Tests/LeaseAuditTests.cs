using System.Net;
using PxeKit.Server.Leases;

namespace PxeKit.Reliability.Tests;

/// <summary>The audit finds what it is for: a lost lease, an address held twice; and forgives what is legitimate.</summary>
public sealed class LeaseAuditTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Later = T0.AddHours(1);

    [Fact]
    public void A_lease_acked_on_the_wire_and_missing_from_the_store_is_reported()
    {
        var report = LeaseAudit.Run(
            [new Lease("52:54:00:00:00:01", IPAddress.Parse("10.0.0.10"), Later)],
            [Ack("52:54:00:00:00:01", "10.0.0.10", 1), Ack("52:54:00:00:00:02", "10.0.0.11", 2)]);

        Assert.False(report.Clean);
        var missing = Assert.Single(report.Missing);
        Assert.Equal("52:54:00:00:00:02", missing.Mac);
        Assert.Contains("missing: 52:54:00:00:00:02 was ACKed 10.0.0.11", report.Describe().First(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_address_held_by_two_clients_is_reported()
    {
        var report = LeaseAudit.Run(
            [new Lease("52:54:00:00:00:01", IPAddress.Parse("10.0.0.10"), Later), new Lease("52:54:00:00:00:02", IPAddress.Parse("10.0.0.10"), Later)],
            []);

        var duplicate = Assert.Single(report.Duplicates);
        Assert.Equal(["52:54:00:00:00:01", "52:54:00:00:00:02"], duplicate.Clients);
    }

    [Fact]
    public void An_address_acked_to_a_client_while_another_clients_ack_of_it_has_time_left_is_reported()
    {
        // Two servers on one database: the store keeps only the later lease, the wire shows both.
        var report = LeaseAudit.Run(
            [new Lease("52:54:00:00:00:02", IPAddress.Parse("10.0.0.10"), Later)],
            [
                Ack("52:54:00:00:00:01", "10.0.0.10", 1) with { LeaseTime = TimeSpan.FromSeconds(60) },
                Ack("52:54:00:00:00:02", "10.0.0.10", 30) with { LeaseTime = TimeSpan.FromSeconds(60) },
                Ack("52:54:00:00:00:03", "10.0.0.11", 1) with { LeaseTime = TimeSpan.FromSeconds(60) },  // ended, then given to :04
                Ack("52:54:00:00:00:04", "10.0.0.11", 61) with { LeaseTime = TimeSpan.FromSeconds(60) },
            ]);

        var duplicate = Assert.Single(report.Duplicates);
        Assert.Equal(IPAddress.Parse("10.0.0.10"), duplicate.Address);
        Assert.Equal(["52:54:00:00:00:01", "52:54:00:00:00:02"], duplicate.Clients);
        Assert.Single(report.Missing);
    }

    [Fact]
    public void A_later_ack_a_release_or_a_move_are_not_losses()
    {
        var report = LeaseAudit.Run(
            [new Lease("52:54:00:00:00:02", IPAddress.Parse("10.0.0.10"), Later), new Lease("52:54:00:00:00:03", IPAddress.Parse("10.0.0.13"), Later)],
            [
                Ack("52:54:00:00:00:01", "10.0.0.10", 1),        // expired, then given to :02
                Ack("52:54:00:00:00:02", "10.0.0.10", 5),
                Ack("52:54:00:00:00:03", "10.0.0.12", 2),        // :03 moved to .13
                Ack("52:54:00:00:00:03", "10.0.0.13", 6),
                Ack("52:54:00:00:00:04", "10.0.0.14", 3),        // released
                new AckedLease("52:54:00:00:00:04", IPAddress.Parse("10.0.0.14"), T0.AddSeconds(4), Released: true),
            ]);

        Assert.True(report.Clean, string.Join("\n", report.Describe()));
        Assert.Equal(5, report.AckCount);
    }

    [Fact]
    public void Two_clients_behind_one_mac_are_told_apart_by_their_identifiers()
    {
        var rom = ClientKey.ForIdentifier("01:52:54:00:00:00:01");
        var os = ClientKey.ForIdentifier("ff:00:00:00:01:00:04:de:ad:be:ef");
        var acks = new[] { Ack("52:54:00:00:00:01", "10.0.0.10", 1) with { Client = rom }, Ack("52:54:00:00:00:01", "10.0.0.11", 2) with { Client = os } };

        var both = LeaseAudit.Run(
            [new Lease("52:54:00:00:00:01", IPAddress.Parse("10.0.0.10"), Later) { Client = rom }, new Lease("52:54:00:00:00:01", IPAddress.Parse("10.0.0.11"), Later) { Client = os }],
            acks);
        var one = LeaseAudit.Run([new Lease("52:54:00:00:00:01", IPAddress.Parse("10.0.0.11"), Later) { Client = os }], acks);

        Assert.True(both.Clean, string.Join("\n", both.Describe()));
        Assert.Equal(rom, Assert.Single(one.Missing).Client);
        Assert.StartsWith("missing: 52:54:00:00:00:01 (id 01:52:54:00:00:00:01) was ACKed 10.0.0.10", one.Describe().First(), StringComparison.Ordinal);
    }

    private static AckedLease Ack(string mac, string address, int second) => new(mac, IPAddress.Parse(address), T0.AddSeconds(second));
}
