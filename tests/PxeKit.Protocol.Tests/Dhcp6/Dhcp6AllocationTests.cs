using System.Net;
using PxeKit.Protocol.Dhcp6;

namespace PxeKit.Protocol.Tests.Dhcp6;

/// <summary>The receive and reply paths allocate nothing: a rack of clients must not feed the garbage collector.</summary>
public class Dhcp6AllocationTests
{
    private static readonly byte[] Solicit = Dhcp6TestPackets.Solicit();
    private static readonly byte[] ServerDuid = Dhcp6Duid.LinkLayer([2, 0, 0, 0, 0, 1]);
    private static readonly IPAddress Address = IPAddress.Parse("fd00::1:100");
    private static readonly byte[] Buffer = new byte[Dhcp6Constants.MaximumReplyLength];
    private const string Url = "tftp://[fd00::1]/ipxe.efi";

    [Fact]
    public void Reading_a_solicit_and_writing_its_reply_allocates_nothing()
    {
        int length = ReadAndReply(); // warm up: the first run compiles
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            length = ReadAndReply();
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.True(length > 0);
    }

    private static int ReadAndReply()
    {
        if (Dhcp6MessageView.TryParse(Solicit, out var view) != Dhcp6ParseError.None)
        {
            return 0;
        }

        uint iaid = view.TryGetIaNa(out var ia) ? ia.Iaid : 0;
        bool wanted = view.IsIpxe && view.Architecture is not null && view.RapidCommit && view.RequestedOptions.Contains(59) && view.TryGetVendorClass(out _, out _);
        var writer = new Dhcp6MessageWriter(Buffer, Dhcp6MessageType.Reply, view.TransactionId);
        writer.WriteServerId(ServerDuid);
        writer.WriteClientId(view.ClientId);
        writer.WriteIaNa(iaid, 1800, 2880, Address, 3600, 7200);
        if (wanted)
        {
            writer.WriteRapidCommit();
        }

        writer.WriteBootFileUrl(Url);
        return writer.Position;
    }
}
