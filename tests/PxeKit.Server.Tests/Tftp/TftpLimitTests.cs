using System.Net;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using PxeKit.Core.Events;
using PxeKit.Protocol.Tftp;
using PxeKit.Server.Tftp;
using Xunit.Abstractions;

namespace PxeKit.Server.Tests.Tftp;

/// <summary>
/// The caps on transfers at once (per client address, in all) and the lifetime of one transfer, against
/// hand-driven peers on several loopback addresses (127.0.0.0/8 is all local), with a fake clock: held
/// transfers stay held until the test moves time on.
/// </summary>
[Trait("Category", "Integration")]
public sealed class TftpLimitTests(ITestOutputHelper output)
{
    private static readonly IPAddress Flooder = IPAddress.Loopback;
    private static readonly IPAddress Other = IPAddress.Parse("127.0.0.2");
    private static readonly IPAddress Third = IPAddress.Parse("127.0.0.3");

    // How long a test listens for an answer that must not come.
    private static readonly TimeSpan Silence = TimeSpan.FromMilliseconds(300);

    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task Requests_over_the_per_client_cap_get_no_answer_and_no_socket_while_another_address_is_served()
    {
        await using var host = Start(perClient: 2, total: 10);
        host.CreateFile("held.bin", 10_000);
        var held = await HoldAsync(host, Flooder, 2);

        using var refused = new RawTftpClients(Flooder, 3);
        await refused.RequestAsync(host, "held.bin");

        foreach (var client in refused)
        {
            Assert.Null(await client.ReceiveAsync(Silence));
        }

        Assert.Equal(2, host.Server.SocketsOpened);
        Assert.Equal(3, host.Server.GetRefusedCount(TftpLimit.PerClient));
        Assert.Equal(0, host.Server.GetRefusedCount(TftpLimit.Server));

        using var other = new RawTftpClient(Other);
        await other.SendRequestAsync(host.EndPoint, "held.bin"u8.ToArray());
        await other.ExpectAsync(TftpOpcode.Data);
        Assert.Equal(3, host.Server.SocketsOpened);
        Assert.Equal(3, host.Server.ActiveTransfers);
        held.Dispose();
    }

    [Fact]
    public async Task Requests_over_the_server_cap_get_no_answer_whatever_their_address()
    {
        await using var host = Start(perClient: 2, total: 3);
        host.CreateFile("held.bin", 10_000);
        using var flooder = await HoldAsync(host, Flooder, 2);
        using var other = await HoldAsync(host, Other, 1);

        using var otherAgain = new RawTftpClient(Other);
        using var third = new RawTftpClient(Third);
        await otherAgain.SendRequestAsync(host.EndPoint, "held.bin"u8.ToArray());
        await third.SendRequestAsync(host.EndPoint, "held.bin"u8.ToArray());

        Assert.Null(await otherAgain.ReceiveAsync(Silence));
        Assert.Null(await third.ReceiveAsync(Silence));
        Assert.Equal(3, host.Server.SocketsOpened);
        Assert.Equal(2, host.Server.GetRefusedCount(TftpLimit.Server));
        Assert.Equal(0, host.Server.GetRefusedCount(TftpLimit.PerClient));
    }

    [Fact]
    public async Task A_slot_given_back_by_a_finished_transfer_serves_the_retransmitted_request()
    {
        await using var host = Start(perClient: 1, total: 10);
        host.CreateFile("small.bin", 100);
        using var first = new RawTftpClient(Flooder);
        await first.SendRequestAsync(host.EndPoint, "small.bin"u8.ToArray());
        var transfer = (await first.ExpectAsync(TftpOpcode.Data)).RemoteEndPoint;

        using var waiting = new RawTftpClient(Flooder);
        await waiting.SendRequestAsync(host.EndPoint, "small.bin"u8.ToArray());
        Assert.Null(await waiting.ReceiveAsync(Silence));

        await first.SendAckAsync(transfer, 1);
        await host.WaitForEventAsync(e => e.Step == BootStep.TftpComplete);
        await Eventually.HoldsAsync(() => host.Server.ActiveTransfers == 0);

        // Firmware sends its request again after a timeout: this time there is room.
        await waiting.SendRequestAsync(host.EndPoint, "small.bin"u8.ToArray());
        await waiting.ExpectAsync(TftpOpcode.Data);
    }

    [Fact]
    public async Task Refusals_are_journaled_as_typed_summaries_not_one_event_each()
    {
        await using var host = Start(perClient: 1, total: 10);
        host.CreateFile("held.bin", 10_000);
        using var held = await HoldAsync(host, Flooder, 1);

        using var refused = new RawTftpClients(Flooder, 20);
        await refused.RequestAsync(host, "held.bin");
        await Eventually.HoldsAsync(() => host.Server.GetRefusedCount(TftpLimit.PerClient) == 20);

        // The first at once, with the cap that refused it; the other 19 wait for the period's summary.
        var first = Assert.Single(Refusals(host));
        Assert.Equal(TftpLimit.PerClient, first.Tftp!.Limit);
        Assert.Equal(1, first.Tftp.Refusals);
        Assert.Null(first.Tftp.ErrorCode);
        Assert.Equal("127.0.0.1", first.Address);
        Assert.Equal("held.bin", first.File);

        _time.Advance(TftpRefusalTally.Period);
        await Eventually.HoldsAsync(() => Refusals(host).Count == 2);
        var summary = Refusals(host)[1];
        Assert.Equal(TftpLimit.PerClient, summary.Tftp!.Limit);
        Assert.Equal(19, summary.Tftp.Refusals);

        // A quiet period later, the next refusal is journaled when it happens again.
        _time.Advance(TftpRefusalTally.Period);
        using var late = new RawTftpClient(Flooder);
        await late.SendRequestAsync(host.EndPoint, "held.bin"u8.ToArray());
        await Eventually.HoldsAsync(() => Refusals(host).Count == 3);
        Assert.Equal(1, Refusals(host)[2].Tftp!.Refusals);
    }

    [Fact]
    public async Task A_client_timeout_above_max_timeout_is_not_acknowledged_and_a_huge_blksize_is()
    {
        await using var host = Start(perClient: 4, total: 10);
        host.CreateFile("held.bin", 100_000);
        using var client = new RawTftpClient(Flooder);

        await client.SendRequestAsync(host.EndPoint, "held.bin"u8.ToArray(), Option("timeout", "255"), Option("blksize", "65464"));

        var oack = Encoding.ASCII.GetString((await client.ExpectAsync(TftpOpcode.OptionAck)).Buffer);
        Assert.Contains("blksize\065464", oack, StringComparison.Ordinal);
        Assert.DoesNotContain("timeout", oack, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_lifetime_ends_a_held_transfer_whatever_timeout_the_client_asked_for()
    {
        var lifetime = TimeSpan.FromSeconds(30);
        await using var host = Start(perClient: 4, total: 10, o => o with
        {
            MaxRetries = 100,
            Limits = o.Limits with { TransferLifetime = lifetime, MaxTimeout = TimeSpan.FromSeconds(TftpConstants.MaxTimeoutSeconds) },
        });
        host.CreateFile("held.bin", 100_000);
        using var client = new RawTftpClient(Flooder);

        // Acknowledged as asked (max-timeout allows 255 s here): the one wait would last over four minutes.
        await client.SendRequestAsync(host.EndPoint, "held.bin"u8.ToArray(), Option("timeout", "255"));
        Assert.Contains("timeout\0255", Encoding.ASCII.GetString((await client.ExpectAsync(TftpOpcode.OptionAck)).Buffer), StringComparison.Ordinal);

        _time.Advance(lifetime - TimeSpan.FromSeconds(1));
        Assert.Null(await client.ReceiveAsync(Silence));
        Assert.Equal(1, host.Server.ActiveTransfers);
        Assert.DoesNotContain(host.Journal.Events, e => e.Step == BootStep.TftpFailed);

        _time.Advance(TimeSpan.FromSeconds(2));
        var failed = await host.WaitForEventAsync(e => e.Step == BootStep.TftpFailed);
        Assert.Equal(TftpFailure.LifetimeExceeded, failed.Tftp!.Failure);
        Assert.Equal(0, failed.Tftp.Block);
        await Eventually.HoldsAsync(() => host.Server.ActiveTransfers == 0);
    }

    private static KeyValuePair<string, string> Option(string name, string value) => new(name, value);

    private static List<BootEvent> Refusals(TftpTestHost host) =>
        [.. host.Journal.Events.Where(e => e is { Step: BootStep.TftpRefused, Tftp.Limit: not null })];

    private TftpTestHost Start(int perClient, int total, Func<TftpServerOptions, TftpServerOptions>? configure = null) =>
        TftpTestHost.Start(
            output,
            o =>
            {
                o = o with { Limits = o.Limits with { MaxTransfers = total, MaxTransfersPerClient = perClient } };
                return configure?.Invoke(o) ?? o;
            },
            _time);

    // Clients on one address that each start a transfer and never acknowledge it: held until time moves.
    private static async Task<RawTftpClients> HoldAsync(TftpTestHost host, IPAddress address, int count)
    {
        var clients = new RawTftpClients(address, count);
        await clients.RequestAsync(host, "held.bin");
        foreach (var client in clients)
        {
            await client.ExpectAsync(TftpOpcode.Data);
        }

        return clients;
    }
}
