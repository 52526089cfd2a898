using PxeKit.Server.Leases;

namespace PxeKit.Server.Tests.Leases;

public sealed class PeerServersTests
{
    private static readonly ClientKey[] Clients = [.. Enumerable.Range(0, 3000).Select(i => ClientKey.ForMac($"52:54:00:{i >> 16 & 0xff:x2}:{i >> 8 & 0xff:x2}:{i & 0xff:x2}"))];

    [Fact]
    public void A_server_alone_answers_every_client()
    {
        var peers = new PeerServers("a");
        Assert.All(Clients, c => Assert.True(peers.Answers(c, seconds: 0)));
        Assert.Equal(["a"], peers.Live);
    }

    [Fact]
    public void Two_servers_that_agree_on_the_live_list_answer_each_client_exactly_once_and_split_them_near_evenly()
    {
        var a = new PeerServers("a");
        var b = new PeerServers("b");
        a.Update(["b"]);
        b.Update(["a", "b"]);

        int byA = Clients.Count(c => a.Answers(c, 0));
        Assert.All(Clients, c => Assert.NotEqual(a.Answers(c, 0), b.Answers(c, 0)));
        Assert.InRange(byA, Clients.Length * 45 / 100, Clients.Length * 55 / 100);
    }

    [Fact]
    public void Clients_of_a_server_that_goes_pass_to_the_others_and_no_other_client_changes_hands()
    {
        var a = new PeerServers("a");
        a.Update(["b", "c"]);
        var before = Clients.ToDictionary(c => c, a.OwnerOf);

        Assert.True(a.Update(["c"]));
        foreach (var client in Clients)
        {
            var owner = a.OwnerOf(client);
            Assert.NotEqual("b", owner);
            if (before[client] != "b")
            {
                Assert.Equal(before[client], owner);
            }
        }
    }

    [Fact]
    public void A_client_that_has_asked_three_seconds_is_answered_by_every_server()
    {
        var a = new PeerServers("a");
        a.Update(["b"]);
        var others = Clients.First(c => !a.Answers(c, 0));

        Assert.False(a.Answers(others, PeerServers.TakeoverSeconds - 1));
        Assert.True(a.Answers(others, PeerServers.TakeoverSeconds));
    }

    [Fact]
    public void The_server_itself_is_always_live_and_an_unchanged_list_is_no_change()
    {
        var a = new PeerServers("a");
        Assert.True(a.Update(["c", "b"]));
        Assert.Equal(["a", "b", "c"], a.Live);
        Assert.False(a.Update(["b", "a", "c"]));
        Assert.True(a.Update([]));
        Assert.Equal(["a"], a.Live);
    }

    [Fact]
    public void A_client_identifier_not_its_mac_decides_its_owner()
    {
        var a = new PeerServers("a");
        a.Update(["b", "c", "d"]);
        var owners = Enumerable.Range(0, 64).Select(i => a.OwnerOf(ClientKey.ForIdentifier($"01:52:54:00:00:00:{i:x2}"))).ToHashSet();

        // The same MAC under 64 identifiers lands on more than one server: the identifier is what is hashed.
        Assert.True(owners.Count > 1);
    }
}
