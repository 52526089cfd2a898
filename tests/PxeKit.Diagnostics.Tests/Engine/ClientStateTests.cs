using PxeKit.Diagnostics.Engine;
using PxeKit.Diagnostics.Tests.Rules;
using PxeKit.Protocol.Dhcp;

namespace PxeKit.Diagnostics.Tests.Engine;

/// <summary>
/// serve's engine keeps up to <see cref="DiagnosisEngine.MaxClients"/> clients: a rule keeps state only about a client
/// an event of its kind is about, so a DHCP client does not carry the TFTP, file and IPv6 rules' state.
/// </summary>
public sealed class ClientStateTests : IDisposable
{
    private readonly EngineHarness _engine = new();

    public void Dispose() => _engine.Dispose();

    private sealed class Notes : IRuleState
    {
        public int Seen { get; set; }

        public void Clear() => Seen = 0;
    }

    [Fact]
    public void Find_gives_nothing_until_the_state_is_made_and_then_that_state()
    {
        var client = new ClientState("52:54:00:00:00:01");
        Assert.Null(client.Find<Notes>());

        client.State<Notes>().Seen++;

        Assert.Same(client.State<Notes>(), client.Find<Notes>());
        Assert.Equal(1, client.Find<Notes>()!.Seen);
    }

    [Fact]
    public void A_reused_state_knows_nothing_of_its_client_before_and_gives_each_rule_its_state_cleared_when_asked()
    {
        var client = new ClientState("52:54:00:00:00:01") { Mac = "52:54:00:00:00:01", Address = "10.47.0.60" };
        var notes = client.State<Notes>();
        notes.Seen = 3;

        client.Reuse("52:54:00:00:00:02", EngineHarness.Start);

        Assert.Equal(("52:54:00:00:00:02", (string?)null, (string?)null, EngineHarness.Start), (client.Key, client.Mac, client.Address, client.FirstSeen));
        // As for a client just met, until its rule asks: then the old object, cleared.
        Assert.Null(client.Find<Notes>());
        Assert.Same(notes, client.State<Notes>());
        Assert.Equal(0, notes.Seen);
    }

    /// <summary>A kind of state no other test asks for: its slot is given the first time this test asks.</summary>
    private sealed class LaterNotes : IRuleState
    {
        public int Seen { get; set; }

        public void Clear() => Seen = 0;
    }

    [Fact]
    public void A_state_reused_again_after_a_kind_of_rule_state_new_since_it_was_made_keeps_that_one_too()
    {
        var client = new ClientState("52:54:00:00:00:01");
        client.State<Notes>().Seen = 1;
        client.Reuse("52:54:00:00:00:02", EngineHarness.Start);
        var later = client.State<LaterNotes>();
        later.Seen = 2;

        client.Reuse("52:54:00:00:00:03", EngineHarness.Start);

        Assert.Same(later, client.State<LaterNotes>());
        Assert.Equal(0, later.Seen);
    }

    [Fact]
    public void A_dhcp_exchange_gives_its_client_the_state_of_the_dhcp_rules_only()
    {
        _engine.Feed(
            Ev.Request(),
            Ev.Reply(file: "undionly.kpxe"),
            Ev.Request(DhcpMessageType.Request, serverId: Ev.PxeKit),
            Ev.Reply(DhcpMessageType.Ack, file: "undionly.kpxe"));

        var client = Assert.Single(_engine.Engine.ClientsInOrder, c => c.Key == Ev.Mac);
        // DHCP unanswered (DISCOVERs), another DHCP server (offers), offer without boot information, relay skips PxeKit,
        // wrong firmware (boot files offered), dropped on the host (the socket's). Not the boot server's: it never asked it.
        Assert.Equal(6, client.StatesMade);
    }
}
