using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;
using PxeKit.Core.Events;
using PxeKit.Protocol.Tftp;
using PxeKit.Server.Tests.Support;
using Xunit.Abstractions;

namespace PxeKit.Server.Tests.Tftp;

/// <summary>The server against a hand-driven peer on loopback: tricks, garbage, loss and bad manners.</summary>
[Trait("Category", "Integration")]
public sealed class TftpServerBehaviourTests(ITestOutputHelper output)
{
    private static readonly byte[][] HostileNames =
    [
        "../../etc/passwd"u8.ToArray(),
        "/../etc/passwd"u8.ToArray(),
        "a/../../b"u8.ToArray(),
        "..\\..\\etc\\passwd"u8.ToArray(),
        "pxe\nlinux.0"u8.ToArray(),
        [(byte)'p', 0xC0, 0xAF, (byte)'x'],
        Encoding.ASCII.GetBytes(new string('a', 300)),
        "boot"u8.ToArray(),
    ];

    [Fact]
    public async Task Hostile_names_get_error_2_and_the_next_request_is_served()
    {
        await using var host = TftpTestHost.Start(output);
        host.CreateFile("pxelinux.0", 100);
        Directory.CreateDirectory(Path.Combine(host.Root.Path, "boot"));

        foreach (var name in HostileNames)
        {
            using var client = new RawTftpClient();
            await client.SendRequestAsync(host.EndPoint, name);
            var reply = await client.ExpectAsync(TftpOpcode.Error);
            TftpPacket.TryParse(reply.Buffer, out var error);
            Assert.Equal(TftpErrorCode.AccessViolation, error.ErrorCode);
            Assert.NotEqual(host.Port, reply.RemoteEndPoint.Port); // answered from a fresh transfer ID
        }

        using var good = new RawTftpClient();
        await good.SendRequestAsync(host.EndPoint, "pxelinux.0"u8.ToArray());
        var data = await good.ExpectAsync(TftpOpcode.Data);
        Assert.Equal(4 + 100, data.Buffer.Length);
        await good.SendAckAsync(data.RemoteEndPoint, 1);
        await host.WaitForEventAsync(e => e.Step == BootStep.TftpComplete);
        Assert.Equal(HostileNames.Length, host.Journal.Events.Count(e => e.Step == BootStep.TftpRefused));
    }

    [HostFact(Root = false, Programs = ["tftp"], Unit = true)]
    public async Task Malformed_datagrams_are_dropped_counted_and_every_valid_request_is_served()
    {
        await using var host = TftpTestHost.Start(output);
        var expected = host.CreateFile("ipxe.efi", 20_000);
        byte[][] garbage =
        [
            [],
            [0x00],
            [0x00, 0x09, 0x41],                          // unknown opcode 9
            [0x00, 0x01, (byte)'a', (byte)'b'],           // RRQ, filename without NUL
            [0x00, 0x01, (byte)'a', 0x00, (byte)'x', 0x00], // RRQ, mode "x"
            [0x00, 0x01, 0x00, (byte)'o', (byte)'c', (byte)'t', (byte)'e', (byte)'t', 0x00], // empty filename
            [0x00, 0x01, (byte)'a', 0x00, (byte)'o', (byte)'c', (byte)'t', (byte)'e', (byte)'t', 0x00, (byte)'b', 0x00], // option without value
            [0x00, 0x04, 0x00],                          // truncated ACK
        ];

        for (var round = 0; round < 3; round++)
        {
            using (var noise = new RawTftpClient())
            {
                foreach (var datagram in garbage)
                {
                    await noise.SendAsync(datagram, host.EndPoint);
                }

                // Nothing comes back for garbage.
                Assert.Null(await noise.ReceiveAsync(TimeSpan.FromMilliseconds(100)));
            }

            var target = Path.Combine(host.Root.Path, $"out{round}.bin");
            await ExternalProgram.RunAsync(output, "tftp", $"127.0.0.1 {host.Port} -m binary -c get ipxe.efi {target}", TimeSpan.FromSeconds(10));
            Assert.Equal(expected, TestFiles.Sha256(target));
        }

        Assert.Equal(3 * garbage.Length, host.Server.MalformedDatagrams);
        Assert.Equal(3 * 3, host.Server.GetMalformedCount(TftpParseError.Truncated)); // empty, 1 byte, short ACK
        Assert.Equal(3, host.Server.GetMalformedCount(TftpParseError.BadMode));
    }

    [Fact]
    public async Task Uefi_tsize_probe_ends_quietly_and_the_real_request_follows()
    {
        await using var host = TftpTestHost.Start(output);
        host.CreateFile("shimx64.efi", 5000);
        using var client = new RawTftpClient();

        await client.SendRequestAsync(host.EndPoint, "shimx64.efi"u8.ToArray(), Option("tsize", "0"), Option("blksize", "1468"));
        var oack = await client.ExpectAsync(TftpOpcode.OptionAck);
        TftpPacket.TryParse(oack.Buffer, out var packet);
        var options = packet.GetRequestOptions();
        Assert.Equal(5000, options.TransferSize);
        Assert.Equal(1468, options.BlockSize);
        var abort = new byte[64];
        var length = TftpPacketWriter.WriteError(abort, TftpErrorCode.OptionNegotiationFailed, "tsize probe");
        await client.SendAsync(abort[..length], oack.RemoteEndPoint);

        // Nothing more from that transfer, and no failure in the journal.
        Assert.Null(await client.ReceiveAsync(TimeSpan.FromMilliseconds(800)));
        Assert.DoesNotContain(host.Journal.Events, e => e.Step == BootStep.TftpFailed);

        await client.SendRequestAsync(host.EndPoint, "shimx64.efi"u8.ToArray(), Option("blksize", "1468"));
        var oack2 = await client.ExpectAsync(TftpOpcode.OptionAck);
        await client.SendAckAsync(oack2.RemoteEndPoint, 0);
        for (ushort block = 1; block <= 4; block++)
        {
            var data = await client.ExpectAsync(TftpOpcode.Data);
            Assert.Equal(block, BinaryPrimitives.ReadUInt16BigEndian(data.Buffer.AsSpan(2)));
            Assert.Equal(4 + (block < 4 ? 1468 : 5000 - (3 * 1468)), data.Buffer.Length);
            await client.SendAckAsync(data.RemoteEndPoint, block);
        }

        await host.WaitForEventAsync(e => e.Step == BootStep.TftpComplete);
    }

    [Fact]
    public async Task A_duplicate_ack_is_never_answered_sorcerers_apprentice()
    {
        // A fixed 2 s timeout (no learned one), so any resend inside it could only answer the duplicate.
        await using var host = TftpTestHost.Start(output, o => o with { DefaultTimeout = TimeSpan.FromSeconds(2), MinRetransmitTimeout = TimeSpan.FromSeconds(2) });
        host.CreateFile("menu.c32", 3 * 512);
        using var client = new RawTftpClient();

        await client.SendRequestAsync(host.EndPoint, "menu.c32"u8.ToArray());
        var data1 = await client.ExpectAsync(TftpOpcode.Data);
        await client.SendAckAsync(data1.RemoteEndPoint, 1);
        await client.ExpectAsync(TftpOpcode.Data); // DATA 2
        await client.SendAckAsync(data1.RemoteEndPoint, 1); // a delayed duplicate of ACK 1

        // Well inside the 2 s retransmission timeout: a resend now could only be caused by the duplicate.
        Assert.Null(await client.ReceiveAsync(TimeSpan.FromMilliseconds(700)));
    }

    [Fact]
    public async Task A_lost_ack_makes_the_server_resend_the_same_block()
    {
        await using var host = TftpTestHost.Start(output);
        host.CreateFile("kernel", 700);
        using var client = new RawTftpClient();

        await client.SendRequestAsync(host.EndPoint, "kernel"u8.ToArray());
        var first = await client.ExpectAsync(TftpOpcode.Data);
        var again = await client.ExpectAsync(TftpOpcode.Data, TimeSpan.FromSeconds(3)); // we "lost" it: no ACK

        Assert.Equal(first.Buffer, again.Buffer);
        await client.SendAckAsync(first.RemoteEndPoint, 1);
        var last = await client.ExpectAsync(TftpOpcode.Data);
        Assert.Equal(4 + 700 - 512, last.Buffer.Length);
        await client.SendAckAsync(first.RemoteEndPoint, 2);
        await host.WaitForEventAsync(e => e.Step == BootStep.TftpComplete);
    }

    [Fact]
    public async Task After_fast_round_trips_a_lost_block_is_resent_long_before_the_configured_timeout()
    {
        // The configured timeout is 5 s; the round trips here take a millisecond, so the learned one is the 100 ms floor.
        await using var host = TftpTestHost.Start(output, o => o with { DefaultTimeout = TimeSpan.FromSeconds(5) });
        host.CreateFile("kernel", 20 * 512);
        using var client = new RawTftpClient();

        await client.SendRequestAsync(host.EndPoint, "kernel"u8.ToArray());
        var data = await client.ExpectAsync(TftpOpcode.Data);
        for (ushort block = 1; block <= 10; block++)
        {
            await client.SendAckAsync(data.RemoteEndPoint, block);
            data = await client.ExpectAsync(TftpOpcode.Data);
        }

        // Block 11 arrived; "lose" it by not acknowledging: the resend must come well inside the 5 s timeout.
        var again = await client.ReceiveAsync(TimeSpan.FromSeconds(2.5));
        Assert.True(again is not null, "no resend within 2.5 s: the timeout was not learned from the round trips");
        Assert.Equal(data.Buffer, again.Value.Buffer);
    }

    // The server reads the next block before the client asks for it. Blocks of 32 KiB are read from the file one by one
    // (smaller ones come from an 8 KiB read-ahead, which holds the file as it was): a file cut short meanwhile still ends
    // the transfer with an error, never with a short block the client would take for the end.
    [Fact]
    public async Task A_file_cut_short_during_the_transfer_ends_it_with_an_error()
    {
        const int BlockSize = 32768;
        await using var host = TftpTestHost.Start(output);
        var path = Path.Combine(host.Root.Path, "initrd");
        host.CreateFile("initrd", 10 * BlockSize);
        using var client = new RawTftpClient();

        await client.SendRequestAsync(host.EndPoint, "initrd"u8.ToArray(), Option("blksize", $"{BlockSize}"));
        var optionAck = await client.ExpectAsync(TftpOpcode.OptionAck);
        await client.SendAckAsync(optionAck.RemoteEndPoint, 0);
        await client.ExpectAsync(TftpOpcode.Data);
        await using (var file = new FileStream(path, FileMode.Open, FileAccess.Write))
        {
            file.SetLength(BlockSize);
        }

        // Block 2 may have been read before the cut; block 3 cannot have been.
        UdpReceiveResultOrError reply;
        ushort block = 1;
        while ((reply = await NextAsync(client, optionAck.RemoteEndPoint, block)).Error is null)
        {
            Assert.Equal(4 + BlockSize, reply.Data!.Value.Buffer.Length);
            block++;
        }

        Assert.Equal("file changed during transfer", reply.Error);
        Assert.InRange(block, 1, 2);
        var failed = await host.WaitForEventAsync(e => e.Step == BootStep.TftpFailed);
        Assert.Equal(TftpFailure.FileProblem, failed.Tftp!.Failure);
    }

    private static async Task<UdpReceiveResultOrError> NextAsync(RawTftpClient client, IPEndPoint server, ushort acknowledged)
    {
        await client.SendAckAsync(server, acknowledged);
        var reply = await client.ReceiveAsync(TimeSpan.FromSeconds(5)) ?? throw new TimeoutException($"nothing after ACK {acknowledged}");
        TftpPacket.TryParse(reply.Buffer, out var packet);
        return packet.Opcode == TftpOpcode.Error
            ? new UdpReceiveResultOrError(null, Encoding.ASCII.GetString(packet.ErrorMessage))
            : new UdpReceiveResultOrError(reply, null);
    }

    private readonly record struct UdpReceiveResultOrError(UdpReceiveResult? Data, string? Error);

    // With one transfer thread, the silent client's wait and the real download share it: a wait that
    // held the thread would hang the download.
    [HostTheory(Root = false, Programs = ["tftp"], Unit = true)]
    [InlineData(1)]
    [InlineData(2)]
    public async Task A_silent_client_fails_after_the_retries_without_blocking_others(int transferThreads)
    {
        await using var host = TftpTestHost.Start(output, o => o with { DefaultTimeout = TimeSpan.FromMilliseconds(200), MaxRetries = 2, TransferThreads = transferThreads });
        var expected = host.CreateFile("vmlinuz", 100_000);
        using var silent = new RawTftpClient();
        await silent.SendRequestAsync(host.EndPoint, "vmlinuz"u8.ToArray());

        var target = Path.Combine(host.Root.Path, "out.bin");
        await ExternalProgram.RunAsync(output, "tftp", $"127.0.0.1 {host.Port} -m binary -c get vmlinuz {target}", TimeSpan.FromSeconds(10));
        Assert.Equal(expected, TestFiles.Sha256(target));

        var failed = await host.WaitForEventAsync(e => e.Step == BootStep.TftpFailed);
        Assert.Contains("no acknowledgment of block 1", failed.Detail, StringComparison.Ordinal);
        // The session leaves the table just after its last event is told.
        await Eventually.HoldsAsync(() => host.Server.ActiveTransfers == 0);
    }

    // The client's port closes mid-transfer: the block resent after 1 s draws an ICMP port unreachable,
    // which the transfer's wait reports as an error at once, long before the retries (1 + 2 + 4 + 8 s) run out.
    [Fact]
    public async Task A_client_that_closes_its_port_fails_the_transfer_at_once()
    {
        await using var host = TftpTestHost.Start(output, o => o with { DefaultTimeout = TimeSpan.FromSeconds(1), TransferThreads = 1 });
        host.CreateFile("big", 100_000);
        var client = new RawTftpClient();
        await client.SendRequestAsync(host.EndPoint, "big"u8.ToArray());
        await client.ExpectAsync(TftpOpcode.Data);
        client.Dispose();

        var failed = await host.WaitForEventAsync(e => e.Step == BootStep.TftpFailed, TimeSpan.FromSeconds(4));
        Assert.Equal("client port unreachable", failed.Detail);
        await Eventually.HoldsAsync(() => host.Server.ActiveTransfers == 0);
    }

    [Fact]
    public async Task A_repeated_request_does_not_start_a_second_transfer()
    {
        await using var host = TftpTestHost.Start(output, o => o with { DefaultTimeout = TimeSpan.FromSeconds(2) });
        host.CreateFile("pxelinux.0", 100);
        using var client = new RawTftpClient();

        await client.SendRequestAsync(host.EndPoint, "pxelinux.0"u8.ToArray());
        await client.SendRequestAsync(host.EndPoint, "pxelinux.0"u8.ToArray());

        await client.ExpectAsync(TftpOpcode.Data);
        Assert.Null(await client.ReceiveAsync(TimeSpan.FromMilliseconds(500)));
        Assert.Single(host.Journal.Events, e => e.Step == BootStep.TftpRequest);
    }

    [Fact]
    public async Task Stopping_the_server_ends_transfers_under_way_and_closes_the_port()
    {
        var host = TftpTestHost.Start(output, o => o with { DefaultTimeout = TimeSpan.FromSeconds(5) });
        host.CreateFile("big", 100_000);
        using var client = new RawTftpClient();
        await client.SendRequestAsync(host.EndPoint, "big"u8.ToArray());
        await client.ExpectAsync(TftpOpcode.Data);
        var port = host.Port;

        var stopping = host.DisposeAsync().AsTask();
        await stopping.WaitAsync(TimeSpan.FromSeconds(5));

        // The port is free again: binding it proves the listener socket was closed.
        using var rebind = new System.Net.Sockets.UdpClient(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, port));
        Assert.Contains(host.Journal.Events, e => e.Step == BootStep.TftpFailed && e.Detail == "server stopping");
    }

    private static KeyValuePair<string, string> Option(string name, string value) => new(name, value);
}
