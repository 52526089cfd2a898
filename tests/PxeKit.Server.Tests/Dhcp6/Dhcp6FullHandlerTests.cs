using System.Net;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using PxeKit.Core.Events;
using PxeKit.Protocol.Dhcp6;
using PxeKit.Server.Boot;
using PxeKit.Server.Dhcp6;
using PxeKit.Server.Leases;
using PxeKit.Server.Tests.Dhcp;

namespace PxeKit.Server.Tests.Dhcp6;

public class Dhcp6FullHandlerTests
{
    private static readonly IPAddress Server = IPAddress.Parse("fd00:47:9::1");
    private static readonly byte[] ServerDuid = Dhcp6Duid.LinkLayer([0x02, 0, 0, 0, 0, 1]);
    private static readonly IPEndPoint Client = new(IPAddress.Parse("fe80::5054:ff:fe12:3456"), Dhcp6Constants.ClientPort);

    private readonly RecordingJournal _journal = new();
    private readonly ManualClock _clock = new();
    private readonly InMemoryLeaseStore _store = new();
    private readonly byte[] _reply = new byte[Dhcp6Constants.MaximumReplyLength];

    private static readonly Dhcp6Settings Settings = new()
    {
        RangeStart = IPAddress.Parse("fd00:47:9::100"),
        RangeEnd = IPAddress.Parse("fd00:47:9::101"),
    };

    private Dhcp6FullHandler Handler(ILeaseStore? store = null)
    {
        var policy = new ProfileBootPolicy([new BootProfile { Name = "linux", Kernel = "vmlinuz", Initrds = ["initrd.gz"] }], new IpxeBinaries(), 8080, new InMemoryBootOnceStore());
        var responder = new Dhcp6Responder(ServerDuid, policy, _journal, NullLogger.Instance, _clock);
        Assert.True(Dhcp6AddressRange.TryCreate(Settings.RangeStart!, Settings.RangeEnd!, out var range, out _));
        var bindings = new Dhcp6Bindings(store ?? _store, range, Settings.ValidLifetime, _clock);
        return new Dhcp6FullHandler(responder, bindings, Settings, NullLogger<Dhcp6FullHandler>.Instance);
    }

    private (Dhcp6Outcome Outcome, byte[] Reply) Handle(Dhcp6FullHandler handler, byte[] request)
    {
        var outcome = handler.Handle(new Dhcp6RequestContext(request, "lab0", Client, Server), _reply);
        return (outcome, _reply[..outcome.Length]);
    }

    [Fact]
    public void Ovmf_solicit_gets_an_advertise_with_an_address_and_ipxe_efi_by_tftp()
    {
        var (outcome, reply) = Handle(Handler(), Dhcp6Captured.OvmfSolicit);
        Assert.Equal(Dhcp6ParseError.None, Dhcp6MessageView.TryParse(reply, out var view));
        Assert.Equal(Dhcp6MessageType.Advertise, view.MessageType);
        Assert.Equal(0x5b481du, view.TransactionId);
        Assert.Equal(ServerDuid, view.ServerId.ToArray());
        Assert.Equal("00:01:00:01:31:ee:54:72:52:54:00:12:34:56", Dhcp6Duid.Format(view.ClientId));
        Assert.True(view.TryGetIaNa(out var ia));
        Assert.Equal(0x37e3d6f7u, ia.Iaid);
        Assert.True(ia.TryGetAddress(out var address));
        Assert.Equal(IPAddress.Parse("fd00:47:9::100"), address.Address);
        Assert.Equal((1800u, 2880u), (ia.T1, ia.T2));
        Assert.Equal("tftp://[fd00:47:9::1]/ipxe.efi", Encoding.UTF8.GetString(view.BootFileUrl));
        Assert.Empty(_store.LoadAll()); // an Advertise binds nothing
        Assert.Equal(BootStep.Dhcp6Advertise, outcome.Reply!.Step);
        Assert.Equal("52:54:00:12:34:56", outcome.Reply.Mac);
        Assert.Equal("fd00:47:9::100", outcome.Reply.Address);
        Assert.Equal("tftp://[fd00:47:9::1]/ipxe.efi", outcome.Reply.File);
        Assert.Equal("linux", outcome.Reply.Profile);
        Assert.Contains(_journal.Events, e => e.Step == BootStep.Dhcp6Solicit && e.Dhcp6!.Architecture == PxeKit.Protocol.Dhcp.ClientArchitecture.EfiBc);
    }

    [Fact]
    public void An_http_boot_solicit_gets_ipxe_efi_as_an_http_url_and_its_vendor_class_echoed_after_it()
    {
        var (outcome, reply) = Handle(Handler(), Dhcp6Captured.OvmfHttpSolicit);

        Assert.Equal(Dhcp6ParseError.None, Dhcp6MessageView.TryParse(reply, out var view));
        Assert.Equal(Dhcp6MessageType.Advertise, view.MessageType);
        Assert.True(view.TryGetIaNa(out var ia) && ia.TryGetAddress(out _));
        Assert.Equal("http://[fd00:47:9::1]:8080/ipxe.efi", Encoding.UTF8.GetString(view.BootFileUrl));
        // edk2 takes an answer as an HTTP Boot one when the ten bytes after the enterprise number and the item's length
        // say HTTPClient; the enterprise number is the client's (343).
        Assert.True(view.TryGetVendorClass(out var enterprise, out var items));
        Assert.Equal(343u, enterprise);
        Assert.True(items.MoveNext());
        Assert.Equal("HTTPClient", Encoding.UTF8.GetString(items.Current));
        Assert.False(items.MoveNext());
        // edk2 reads the URL up to a zero byte: the option after it starts with one.
        var url = Encoding.UTF8.GetBytes("http://[fd00:47:9::1]:8080/ipxe.efi");
        int end = reply.AsSpan().IndexOf(url) + url.Length;
        Assert.Equal([0x00, 0x10], reply[end..(end + 2)]);
        Assert.Equal("http://[fd00:47:9::1]:8080/ipxe.efi", outcome.Reply!.File);
        Assert.Contains(_journal.Events, e => e.Step == BootStep.Dhcp6Solicit && e.Dhcp6!.Architecture == PxeKit.Protocol.Dhcp.ClientArchitecture.EfiX64Http);
    }

    [Fact]
    public void A_pxe_solicit_gets_no_vendor_class()
    {
        var (_, reply) = Handle(Handler(), Dhcp6Captured.OvmfSolicit);

        Assert.Equal(Dhcp6ParseError.None, Dhcp6MessageView.TryParse(reply, out var view));
        Assert.False(view.TryGetVendorClass(out _, out _));
    }

    [Fact]
    public void A_solicit_that_asks_for_no_boot_file_url_gets_its_address_and_no_boot_file()
    {
        // edk2's own network stack (not its PXE client) asks DHCPv6 for an address once the managed flag is advertised:
        // the same Solicit with option 59 taken out of its option request (24, the domain list, in its place).
        var solicit = Convert.FromHexString(Convert.ToHexString(Dhcp6Captured.OvmfSolicit).Replace("00060008003B003C00170010", "000600080018003C00170010", StringComparison.Ordinal));

        var (outcome, reply) = Handle(Handler(), solicit);

        Assert.Equal(Dhcp6ParseError.None, Dhcp6MessageView.TryParse(reply, out var view));
        Assert.Equal(Dhcp6MessageType.Advertise, view.MessageType);
        Assert.True(view.TryGetIaNa(out var ia) && ia.TryGetAddress(out _));
        Assert.True(view.BootFileUrl.IsEmpty);
        Assert.Null(outcome.Reply!.File);
    }

    [Fact]
    public void Ipxe_solicit_gets_the_script_url_over_http_on_ipv6()
    {
        var (_, reply) = Handle(Handler(), Dhcp6Captured.IpxeSolicit);
        Assert.Equal(Dhcp6ParseError.None, Dhcp6MessageView.TryParse(reply, out var view));
        Assert.Equal("http://[fd00:47:9::1]:8080/boot.ipxe?mac=52:54:00:12:34:56&arch=7", Encoding.UTF8.GetString(view.BootFileUrl));
    }

    [Fact]
    public async Task Request_binds_the_address_durably_before_the_reply_and_keys_it_by_duid_and_iaid()
    {
        var handler = Handler();
        var (outcome, reply) = Handle(handler, Dhcp6Captured.OvmfRequest(ServerDuid, "fd00:47:9::100"));
        await outcome.Durable;
        Assert.Equal(Dhcp6ParseError.None, Dhcp6MessageView.TryParse(reply, out var view));
        Assert.Equal(Dhcp6MessageType.Reply, view.MessageType);
        Assert.True(view.TryGetIaNa(out var ia));
        Assert.True(ia.TryGetAddress(out var address));
        Assert.Equal(IPAddress.Parse("fd00:47:9::100"), address.Address);
        var lease = Assert.Single(_store.LoadAll());
        Assert.Equal(IPAddress.Parse("fd00:47:9::100"), lease.Address);
        Assert.Equal("52:54:00:12:34:56", lease.Mac);
        Assert.Equal("00:01:00:01:31:ee:54:72:52:54:00:12:34:56:37:e3:d6:f7", lease.Client.Identifier);
        Assert.Equal(_clock.GetUtcNow() + Settings.ValidLifetime, lease.Expires);
        Assert.Equal(BootStep.Dhcp6Reply, outcome.Reply!.Step);
    }

    [Fact]
    public void A_second_client_gets_the_next_address_and_a_third_none()
    {
        var handler = Handler();
        Handle(handler, Dhcp6Captured.OvmfRequest(ServerDuid, "fd00:47:9::100"));
        var (_, second) = Handle(handler, Dhcp6Captured.IpxeSolicit);
        Assert.Equal(Dhcp6ParseError.None, Dhcp6MessageView.TryParse(second, out var view));
        Assert.True(view.TryGetIaNa(out var ia));
        Assert.True(ia.TryGetAddress(out var address));
        Assert.Equal(IPAddress.Parse("fd00:47:9::101"), address.Address);

        // Bind the second, then a third client (another IAID of iPXE's DUID) finds the range used up.
        var rapid = WithRapidCommit(Dhcp6Captured.IpxeSolicit);
        var (bound, _) = Handle(handler, rapid);
        Assert.Equal("fd00:47:9::101", bound.Reply!.Address);
        var third = Dhcp6Captured.IpxeSolicit;
        third[24] ^= 0xff; // the IAID's first byte
        var (_, none) = Handle(handler, third);
        Assert.Equal(Dhcp6ParseError.None, Dhcp6MessageView.TryParse(none, out var exhausted));
        Assert.True(exhausted.TryGetIaNa(out var empty));
        Assert.False(empty.TryGetAddress(out _));
        Assert.True(empty.TryGetStatus(out var status, out _));
        Assert.Equal(Dhcp6StatusCode.NoAddrsAvail, status);
    }

    [Fact]
    public async Task Rapid_commit_answers_a_solicit_with_a_reply_that_binds()
    {
        var (outcome, reply) = Handle(Handler(), WithRapidCommit(Dhcp6Captured.OvmfSolicit));
        await outcome.Durable;
        Assert.Equal(Dhcp6ParseError.None, Dhcp6MessageView.TryParse(reply, out var view));
        Assert.Equal(Dhcp6MessageType.Reply, view.MessageType);
        Assert.True(view.RapidCommit);
        Assert.Single(_store.LoadAll());
    }

    [Fact]
    public async Task A_lease_the_store_cannot_keep_faults_the_reply()
    {
        var (outcome, _) = Handle(Handler(new FailingStore()), Dhcp6Captured.OvmfRequest(ServerDuid, "fd00:47:9::100"));
        await Assert.ThrowsAsync<IOException>(() => outcome.Durable);
    }

    [Fact]
    public void A_request_for_another_server_is_ignored_with_its_reason()
    {
        var (outcome, _) = Handle(Handler(), Dhcp6Captured.OvmfRequest(Dhcp6Duid.LinkLayer([2, 0, 0, 0, 0, 9]), "fd00:47:9::100"));
        Assert.Equal(0, outcome.Length);
        Assert.Contains(_journal.Events, e => e.Step == BootStep.Dhcp6Ignored && e.Dhcp6!.IgnoreReason == Dhcp6IgnoreReason.OtherServer);
    }

    [Fact]
    public async Task Release_ends_the_binding()
    {
        var handler = Handler();
        await Handle(handler, Dhcp6Captured.OvmfRequest(ServerDuid, "fd00:47:9::100")).Outcome.Durable;
        var release = Dhcp6Captured.OvmfRequest(ServerDuid, "fd00:47:9::100");
        release[0] = (byte)Dhcp6MessageType.Release;
        var (outcome, reply) = Handle(handler, release);
        await outcome.Durable;
        Assert.Empty(_store.LoadAll());
        Assert.Equal(Dhcp6ParseError.None, Dhcp6MessageView.TryParse(reply, out var view));
        Assert.True(view.TryGetStatus(out var status, out _));
        Assert.Equal(Dhcp6StatusCode.Success, status);
    }

    [Fact]
    public void Confirm_of_an_address_off_the_range_is_not_on_link()
    {
        var withoutServer = WithoutServerId(Dhcp6Captured.OvmfRequest(ServerDuid, "fd99::5"));
        withoutServer[0] = (byte)Dhcp6MessageType.Confirm;
        var (_, reply) = Handle(Handler(), withoutServer);
        Assert.Equal(Dhcp6ParseError.None, Dhcp6MessageView.TryParse(reply, out var view));
        Assert.True(view.TryGetStatus(out var status, out _));
        Assert.Equal(Dhcp6StatusCode.NotOnLink, status);
    }

    private static byte[] WithRapidCommit(byte[] message) => [.. message, 0, 14, 0, 0];

    // Option 2 sits right after options 1 and 8 in OvmfRequest: 4 + 18 + 6 bytes in.
    private static byte[] WithoutServerId(byte[] message)
    {
        int at = 4 + 18 + 6;
        int length = 4 + (message[at + 2] << 8 | message[at + 3]);
        return [.. message[..at], .. message[(at + length)..]];
    }

    private sealed class FailingStore : ILeaseStore
    {
        public IReadOnlyList<Lease> LoadAll() => [];

        public Task SaveAsync(Lease lease) => Task.FromException(new IOException("disk full"));

        public Task DeleteAsync(ClientKey client) => Task.CompletedTask;

        public void Dispose()
        {
        }
    }
}
