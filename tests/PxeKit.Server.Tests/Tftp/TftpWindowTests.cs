using System.Buffers.Binary;
using PxeKit.Core.Events;
using PxeKit.Protocol.Tftp;
using Xunit.Abstractions;

namespace PxeKit.Server.Tests.Tftp;

/// <summary>RFC 7440 windows against a hand-driven client: partial ACKs and stale duplicates.</summary>
[Trait("Category", "Integration")]
public sealed class TftpWindowTests(ITestOutputHelper output)
{
    // Far longer than any wait below: whatever arrives sooner was not caused by a timeout.
    private static readonly TimeSpan ServerTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Quick = TimeSpan.FromMilliseconds(700);

    [Fact]
    public async Task An_ack_inside_the_window_restarts_it_after_the_acked_block_at_once()
    {
        await using var host = TftpTestHost.Start(output, o => o with { DefaultTimeout = ServerTimeout, MinRetransmitTimeout = ServerTimeout });
        host.CreateFile("initrd", (9 * 512) + 10); // blocks 1-10, the last one short
        using var client = new RawTftpClient();

        await client.SendRequestAsync(host.EndPoint, "initrd"u8.ToArray(), new KeyValuePair<string, string>("windowsize", "4"));
        var server = (await client.ExpectAsync(TftpOpcode.OptionAck)).RemoteEndPoint;
        await client.SendAckAsync(server, 0);
        Assert.Equal(new[] { 1, 2, 3, 4 }, await ReceiveBlocksAsync(client, 4));

        // Block 3 "was lost": the client acknowledges 2, the last block it has in order (RFC 7440 section 4).
        await client.SendAckAsync(server, 2);
        Assert.Equal(new[] { 3, 4, 5, 6 }, await ReceiveBlocksAsync(client, 4));

        // A late copy of the same ACK 2 is older than the new window: never answered (Sorcerer's Apprentice).
        await client.SendAckAsync(server, 2);
        Assert.Null(await client.ReceiveAsync(TimeSpan.FromMilliseconds(300)));

        await client.SendAckAsync(server, 6);
        Assert.Equal(new[] { 7, 8, 9, 10 }, await ReceiveBlocksAsync(client, 4));
        await client.SendAckAsync(server, 10);
        Assert.Equal((9 * 512) + 10, (await host.WaitForEventAsync(e => e.Step == BootStep.TftpComplete)).Bytes);
    }

    // Receives count DATA packets, each well before the server's timeout, and returns their block numbers.
    private static async Task<int[]> ReceiveBlocksAsync(RawTftpClient client, int count)
    {
        var blocks = new int[count];
        for (var i = 0; i < count; i++)
        {
            var data = await client.ExpectAsync(TftpOpcode.Data, Quick);
            blocks[i] = BinaryPrimitives.ReadUInt16BigEndian(data.Buffer.AsSpan(2));
        }

        return blocks;
    }
}
