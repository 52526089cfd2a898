using System.Text.Json;
using PxeKit.Core.Events;
using PxeKit.Protocol.Dhcp;

namespace PxeKit.Core.Tests.Events;

public class EventTextTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 7, 21, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_relayed_pxe_request_is_told_in_order_after_the_prefix()
    {
        var facts = new DhcpFacts
        {
            MessageType = DhcpMessageType.Discover,
            Architecture = ClientArchitecture.EfiBc,
            VendorClass = "PXEClient:Arch:00007:UNDI:003016",
            UserClass = "iPXE lab",
            RelayAddress = "10.9.0.1",
        };

        Assert.Equal(
            "discover: arch 7 (EfiBc), vendor \"PXEClient:Arch:00007:UNDI:003016\", user class \"iPXE lab\", via relay 10.9.0.1",
            EventText.Client(facts, "discover: "));
    }

    [Fact]
    public void A_request_without_those_options_says_so() =>
        Assert.Equal("no vendor or architecture options", EventText.Client(DhcpFacts.Of(new DhcpMessage())));

    [Fact]
    public void A_long_vendor_class_is_told_whole()
    {
        var request = new DhcpMessage();
        var vendor = new string('v', 2000);
        request.SetString(DhcpOptionCode.VendorClassIdentifier, vendor + "\0");
        Assert.Equal($"vendor \"{vendor}\"", EventText.Client(DhcpFacts.Of(request)));
    }

    [Fact]
    public void An_event_without_a_sentence_is_said_from_its_facts_and_one_with_a_sentence_keeps_it()
    {
        var discover = new BootEvent
        {
            Time = At,
            Step = BootStep.DhcpDiscover,
            Dhcp = new DhcpFacts { MessageType = DhcpMessageType.Discover, Architecture = ClientArchitecture.IntelX86Pc, UserClass = "iPXE" },
        };
        var offer = new BootEvent { Time = At, Step = BootStep.DhcpOffer, Address = "10.47.0.100", File = "pxelinux.0", Dhcp = new DhcpFacts { MessageType = DhcpMessageType.Offer, NextServer = "10.47.0.1" } };
        var bare = offer with { File = null };
        var request = new BootEvent { Time = At, Step = BootStep.DhcpRequest, Address = "10.47.0.100" };

        Assert.Equal("discover: arch 0 (IntelX86Pc), user class \"iPXE\"", discover.Detail);
        Assert.Equal("offer 10.47.0.100, boot pxelinux.0 from 10.47.0.1", offer.Detail);
        Assert.Equal("offer 10.47.0.100, no boot file", bare.Detail);
        Assert.Equal("request 10.47.0.100", request.Detail);
        Assert.Equal("", new BootEvent { Time = At, Step = BootStep.TftpRequest }.Detail);
        Assert.Equal("proxy offer", (offer with { Detail = "proxy offer" }).Detail);
    }

    [Fact]
    public void The_json_of_an_event_carries_the_sentence_said_from_its_facts()
    {
        var offer = new BootEvent { Time = At, Step = BootStep.DhcpOffer, Address = "10.47.0.100", Dhcp = new DhcpFacts { MessageType = DhcpMessageType.Offer } };

        var json = JsonSerializer.Serialize(offer, JournalJsonContext.Default.BootEvent);
        var back = JsonSerializer.Deserialize(json, JournalJsonContext.Default.BootEvent)!;

        Assert.Contains("\"offer 10.47.0.100, no boot file\"", json, StringComparison.Ordinal);
        Assert.Equal(offer.Detail, back.Detail);
    }
}
