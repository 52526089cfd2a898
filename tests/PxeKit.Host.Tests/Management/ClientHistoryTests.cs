using System.Globalization;
using PxeKit.Core.Events;
using PxeKit.Core.Verdicts;
using PxeKit.Host.Management;

namespace PxeKit.Host.Tests.Management;

/// <summary>What the API keeps of each machine: its timeline in order, and bounds a flood of forged MACs cannot pass.</summary>
public sealed class ClientHistoryTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_machines_events_come_back_in_order_with_its_last_address_profile_and_verdicts()
    {
        var history = new ClientHistory();
        history.Write(Event(0, "52:54:00:00:00:01", BootStep.DhcpDiscover));
        history.Write(Event(1, "52:54:00:00:00:01", BootStep.DhcpOffer) with { Address = "10.0.2.50", Profile = "linux" });
        history.Write(Event(2, "52:54:00:00:00:02", BootStep.DhcpDiscover));
        history.Write(Event(3, "52:54:00:00:00:01", BootStep.Diagnosis) with { Verdict = Verdict.Of(FaultId.BootFileMissing, "52:54:00:00:00:01", "cause", "", "fix") });
        history.Write(Event(4, null, BootStep.ServerReady));

        var clients = history.Clients();
        Assert.Equal(["52:54:00:00:00:01", "52:54:00:00:00:02"], clients.Select(c => c.Mac));
        Assert.Equal(new ClientSummary("52:54:00:00:00:01", "10.0.2.50", "linux", BootStep.Diagnosis, Start.AddSeconds(3), 3, 1), clients[0]);
        var detail = history.Client("52:54:00:00:00:01")!;
        Assert.Equal([BootStep.DhcpDiscover, BootStep.DhcpOffer, BootStep.Diagnosis], detail.Events.Select(e => e.Step));
        Assert.Equal(FaultId.BootFileMissing, Assert.Single(detail.Verdicts).Fault);
        Assert.Equal("52:54:00:00:00:01", Assert.Single(history.Verdicts()).Mac);
        Assert.Equal(["52:54:00:00:00:01"], history.MatchedByProfile()["linux"]);
        Assert.Null(history.Client("52:54:00:00:00:09"));
    }

    [Fact]
    public void Machines_events_and_verdicts_are_bounded_and_the_oldest_go_first()
    {
        var history = new ClientHistory();
        for (var i = 0; i < ClientHistory.MaxMachines + 10; i++)
        {
            history.Write(Event(i, Mac(i), BootStep.DhcpDiscover));
        }

        for (var i = 0; i < ClientHistory.MaxEventsPerMachine + 5; i++)
        {
            history.Write(Event(10_000 + i, Mac(0), BootStep.Diagnosis) with { Verdict = Verdict.Of(FaultId.BootFileMissing, Mac(0), "cause", "", "fix") });
        }

        Assert.Equal(ClientHistory.MaxMachines, history.Clients().Count);
        // Machine 0 was written again last: the ten seen longest ago (1 to 10) went.
        Assert.Null(history.Client(Mac(1)));
        Assert.Null(history.Client(Mac(10)));
        Assert.NotNull(history.Client(Mac(11)));
        var zero = history.Client(Mac(0))!;
        Assert.Equal(ClientHistory.MaxEventsPerMachine, zero.Events.Count);
        Assert.All(zero.Events, e => Assert.Equal(BootStep.Diagnosis, e.Step));
        Assert.Equal(ClientHistory.MaxEventsPerMachine, history.Clients()[0].Verdicts);
        Assert.Equal(ClientHistory.MaxVerdicts, history.Verdicts().Count);
        Assert.Equal(Start.AddSeconds(10_000 + ClientHistory.MaxEventsPerMachine + 4), history.Verdicts()[0].Time);
    }

    [Fact]
    public void The_events_of_all_machines_together_are_bounded_and_the_machine_written_longest_ago_gives_them_up()
    {
        var history = new ClientHistory();
        const int Rounds = ClientHistory.MaxEvents / ClientHistory.MaxMachines + 8;
        for (var round = 0; round < Rounds; round++)
        {
            for (var i = 0; i < ClientHistory.MaxMachines; i++)
            {
                history.Write(Event(round * ClientHistory.MaxMachines + i, Mac(i), BootStep.DhcpDiscover));
            }
        }

        var clients = history.Clients();
        Assert.Equal(ClientHistory.MaxMachines, clients.Count);
        Assert.Equal(ClientHistory.MaxEvents, clients.Sum(c => c.Events));

        // Each write past the bound took the oldest event of the machine written longest ago: each kept its newest.
        const int PerMachine = ClientHistory.MaxEvents / ClientHistory.MaxMachines;
        Assert.All(clients, c => Assert.Equal(PerMachine, c.Events));
        foreach (var i in new[] { 0, ClientHistory.MaxMachines - 1 })
        {
            var events = history.Client(Mac(i))!.Events;
            Assert.Equal(Start.AddSeconds(((Rounds - PerMachine) * ClientHistory.MaxMachines) + i), events[0].Time);
            Assert.Equal(Start.AddSeconds(((Rounds - 1) * ClientHistory.MaxMachines) + i), events[^1].Time);
        }
    }

    [Fact]
    public void A_machine_that_gave_up_its_last_event_is_forgotten()
    {
        var history = new ClientHistory();
        history.Write(Event(0, Mac(0), BootStep.DhcpDiscover));
        const int PerMachine = ClientHistory.MaxEvents / ClientHistory.MaxMachines;
        for (var i = 1; i < ClientHistory.MaxMachines; i++)
        {
            for (var n = 0; n < PerMachine; n++)
            {
                history.Write(Event(i, Mac(i), BootStep.DhcpDiscover));
            }
        }

        Assert.NotNull(history.Client(Mac(0)));
        for (var n = 0; n < PerMachine; n++)
        {
            history.Write(Event(10_000, Mac(1), BootStep.DhcpOffer));
        }

        Assert.Null(history.Client(Mac(0)));
        Assert.Equal(ClientHistory.MaxMachines - 1, history.Clients().Count);
        Assert.Equal(ClientHistory.MaxEvents, history.Clients().Sum(c => c.Events));
    }

    private static string Mac(int i) => string.Create(CultureInfo.InvariantCulture, $"52:54:00:00:{i >> 8:x2}:{i & 0xff:x2}");

    private static BootEvent Event(int second, string? mac, BootStep step) => new() { Time = Start.AddSeconds(second), Step = step, Mac = mac, Detail = "" };
}
