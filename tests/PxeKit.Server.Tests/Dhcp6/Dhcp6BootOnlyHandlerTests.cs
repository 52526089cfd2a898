using System.Net;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using PxeKit.Core.Events;
using PxeKit.Protocol.Dhcp6;
using PxeKit.Server.Boot;
using PxeKit.Server.Dhcp6;
using PxeKit.Server.Tests.Dhcp;

namespace PxeKit.Server.Tests.Dhcp6;

public class Dhcp6BootOnlyHandlerTests
{
    private static readonly IPAddress Server = IPAddress.Parse("fd00:47:9::1");
    private static readonly byte[] ServerDuid = Dhcp6Duid.LinkLayer([0x02, 0, 0, 0, 0, 1]);
    private static readonly IPEndPoint Client = new(IPAddress.Parse("fe80::5054:ff:fe12:3456"), Dhcp6Constants.ClientPort);
    private readonly RecordingJournal _journal = new();
    private readonly byte[] _reply = new byte[Dhcp6Constants.MaximumReplyLength];

    private Dhcp6BootOnlyHandler Handler(IReadOnlyList<BootProfile>? profiles = null)
    {
        var policy = new ProfileBootPolicy(profiles ?? [new BootProfile { Name = "uefi", Program = "ipxe.efi" }], new IpxeBinaries(), null, new InMemoryBootOnceStore());
        return new Dhcp6BootOnlyHandler(new Dhcp6Responder(ServerDuid, policy, _journal, NullLogger.Instance, new ManualClock()), new Dhcp6Settings { Mode = Dhcp6Mode.BootOnly });
    }

    private Dhcp6Outcome Handle(Dhcp6BootOnlyHandler handler, byte[] request) =>
        handler.Handle(new Dhcp6RequestContext(request, "lab0", Client, Server), _reply);

    [Fact]
    public void A_solicit_gets_boot_options_and_no_address()
    {
        var outcome = Handle(Handler(), Dhcp6Captured.OvmfSolicit);
        Assert.Equal(Dhcp6ParseError.None, Dhcp6MessageView.TryParse(_reply.AsSpan(0, outcome.Length), out var view));
        Assert.Equal(Dhcp6MessageType.Advertise, view.MessageType);
        Assert.False(view.TryGetIaNa(out _));
        Assert.Equal("tftp://[fd00:47:9::1]/ipxe.efi", Encoding.UTF8.GetString(view.BootFileUrl));
        Assert.Null(outcome.Reply!.Address);
    }

    [Fact]
    public void An_http_boot_solicit_gets_an_http_url_and_httpclient_as_its_vendor_class()
    {
        var outcome = Handle(Handler(), Dhcp6Captured.OvmfHttpSolicit);
        Assert.Equal(Dhcp6ParseError.None, Dhcp6MessageView.TryParse(_reply.AsSpan(0, outcome.Length), out var view));
        Assert.Equal(Dhcp6MessageType.Advertise, view.MessageType);
        Assert.Equal("http://[fd00:47:9::1]/ipxe.efi", Encoding.UTF8.GetString(view.BootFileUrl));
        Assert.True(view.TryGetVendorClass(out _, out var items) && items.MoveNext());
        Assert.Equal("HTTPClient", Encoding.UTF8.GetString(items.Current));
    }

    [Fact]
    public void An_information_request_gets_a_reply_with_boot_options()
    {
        var request = Dhcp6Captured.OvmfSolicit;
        request[0] = (byte)Dhcp6MessageType.InformationRequest;
        var outcome = Handle(Handler(), request);
        Assert.Equal(Dhcp6ParseError.None, Dhcp6MessageView.TryParse(_reply.AsSpan(0, outcome.Length), out var view));
        Assert.Equal(Dhcp6MessageType.Reply, view.MessageType);
        Assert.False(view.BootFileUrl.IsEmpty);
    }

    [Fact]
    public void A_request_is_left_to_the_network_server()
    {
        var outcome = Handle(Handler(), Dhcp6Captured.OvmfRequest(ServerDuid, "fd00:47:9::100"));
        Assert.Equal(0, outcome.Length);
        Assert.Contains(_journal.Events, e => e.Dhcp6?.IgnoreReason == Dhcp6IgnoreReason.ForNetworkServer);
    }

    [Fact]
    public void A_client_no_profile_matches_is_left_alone()
    {
        var outcome = Handle(Handler([]), Dhcp6Captured.OvmfSolicit);
        Assert.Equal(0, outcome.Length);
        Assert.Contains(_journal.Events, e => e.Dhcp6?.IgnoreReason == Dhcp6IgnoreReason.NoProfile);
    }
}
