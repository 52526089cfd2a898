using PxeKit.Protocol.Dhcp;
using static PxeKit.Load.Conformance.CaseVerdict;

namespace PxeKit.Load.Conformance;

public static partial class ConformanceCases
{
    /// <summary>Every option code a client can ask for (1 to 254): the longest reply the server can make.</summary>
    private static readonly byte[] EveryOption = [.. Enumerable.Range(1, 254).Select(c => (byte)c)];

    private const int MinimumDatagram = 576;

    private static IEnumerable<ConformanceCase> Rfc2132() =>
    [
        new()
        {
            Id = "2132-max-message-size",
            Section = "RFC 2132 9.10, RFC 2131 2",
            Level = ConformanceLevel.Must,
            Sends = "DISCOVER with option 57 = 576 and option 55 asking for every option (1-254)",
            Expects = "an OFFER whose IP datagram is at most 576 bytes",
            Run = probe => MaxMessageSize(probe, 576),
        },
        new()
        {
            Id = "2132-max-message-size-below-576",
            Section = "RFC 2132 9.10",
            Level = ConformanceLevel.Should,
            Sends = "DISCOVER with option 57 = 300, below the minimum legal value 576",
            Expects = "an OFFER all the same (the value is read as 576), of at most 576 bytes",
            Run = probe => MaxMessageSize(probe, 300),
        },
        new()
        {
            Id = "2132-max-message-size-long-echoes",
            Section = "RFC 2132 9.10, 9.3; RFC 6842; RFC 3046",
            Level = ConformanceLevel.Must,
            Sends = $"DISCOVER from a relay agent with option 57 = 576, option 61 of {LongClientId} bytes and option 82 of {LongAgent} bytes",
            Expects = "an OFFER of at most 576 bytes that still carries options 61 and 82 unaltered: they do not fit the 308 bytes of options a 576-byte reply has, so the file and sname fields carry options (option 52)",
            Run = LongEchoes,
        },
        new()
        {
            Id = "2132-parameter-request-list",
            Section = "RFC 2131 4.3.1, RFC 2132 9.8",
            Level = ConformanceLevel.Must,
            Sends = "DISCOVER and REQUEST with option 55 asking for the subnet mask (1)",
            Expects = "option 1 in the OFFER and the ACK (a parameter the server knows: it MUST be returned)",
            Run = probe =>
            {
                var dora = probe.Lease(probe.NewMac(), m => m.SetOption(DhcpOptionCode.ParameterRequestList, [1, 3, 6, 51, 54]));
                if (!dora.Leased)
                {
                    return Fail(dora.Describe());
                }

                var masks = new[] { dora.Offer!, dora.Ack! }.Select(r => r.Message.GetOption(DhcpOptionCode.SubnetMask)).ToList();
                return When(masks.All(m => m is { Length: 4 }), $"option 1 in the OFFER: {masks[0] is not null}, in the ACK: {masks[1] is not null}");
            },
        },
    ];

    private static CaseVerdict MaxMessageSize(ConformanceProbe probe, ushort asked)
    {
        var discover = ConformanceProbe.Message(DhcpMessageType.Discover, probe.NewMac());
        discover.SetOption(DhcpOptionCode.MaximumMessageSize, [(byte)(asked >> 8), (byte)asked]);
        discover.SetOption(DhcpOptionCode.ParameterRequestList, EveryOption);
        var offer = probe.Ask(discover);
        if (offer is not { Type: DhcpMessageType.Offer })
        {
            return Fail($"{Addresses(offer)} to a DISCOVER with option 57 = {asked}");
        }

        return When(offer.DatagramLength <= Math.Max((int)asked, MinimumDatagram),
            $"OFFER of {offer.Length} bytes (an IP datagram of {offer.DatagramLength}) with {offer.Message.Options.Count} options");
    }

    /// <summary>
    /// Option 61 and option 82 in the long-echoes case: together more than the 308 bytes of options a 576-byte reply has.
    /// Option 61 stays within RFC 4361 (a DUID of at most 128 bytes after the type and IAID: Kea drops a longer one).
    /// </summary>
    private const int LongClientId = 120;

    private const int LongAgent = 180;

    private static CaseVerdict LongEchoes(ConformanceProbe probe)
    {
        if (!probe.Wire.CanRelay)
        {
            return NotApplicable("no --second-address to relay from");
        }

        var mac = probe.NewMac();
        byte[] id = [.. ClientId(mac), .. Enumerable.Range(0, LongClientId - ClientId(mac).Length).Select(i => (byte)i)];
        byte[] agent = [1, LongAgent - 2, .. Enumerable.Range(0, LongAgent - 2).Select(i => (byte)(0xa0 ^ i))];
        var discover = Relayed(ConformanceProbe.Message(DhcpMessageType.Discover, mac), probe.Options.SecondAddress!);
        discover.SetOption(DhcpOptionCode.MaximumMessageSize, [MinimumDatagram >> 8, MinimumDatagram & 0xff]);
        discover.SetOption(DhcpOptionCode.ClientIdentifier, id);
        discover.SetOption(DhcpOptionCode.RelayAgentInformation, agent);
        var offer = probe.Ask(discover, DhcpPath.Relay);
        if (offer is not { Type: DhcpMessageType.Offer })
        {
            return Fail($"{Addresses(offer)} at the relay");
        }

        var echoedId = offer.Message.GetOption(DhcpOptionCode.ClientIdentifier);
        var echoedAgent = offer.Message.GetOption(DhcpOptionCode.RelayAgentInformation);
        var overload = offer.Message.GetOption(DhcpOptionCode.OptionOverload) is [var area] ? $", option 52 = {area}" : ", no option 52";
        return When(offer.DatagramLength <= MinimumDatagram && echoedId.AsSpan().SequenceEqual(id) && echoedAgent.AsSpan().SequenceEqual(agent),
            $"OFFER of {offer.Length} bytes (an IP datagram of {offer.DatagramLength}){overload}; option 61 {Echo(echoedId, id)}, option 82 {Echo(echoedAgent, agent)}");
    }

    private static IEnumerable<ConformanceCase> Rfc6842() =>
    [
        new()
        {
            Id = "6842-client-id-echoed",
            Section = "RFC 6842 3",
            Level = ConformanceLevel.Must,
            Sends = "DISCOVER and REQUEST with option 61 (type 255, IAID and DUID, RFC 4361)",
            Expects = "option 61 in the OFFER and the ACK, byte for byte",
            Run = probe =>
            {
                var mac = probe.NewMac();
                var id = ClientId(mac);
                var dora = probe.Lease(mac, m => m.SetOption(DhcpOptionCode.ClientIdentifier, id));
                if (!dora.Leased)
                {
                    return Fail(dora.Describe());
                }

                var echoed = new[] { dora.Offer!, dora.Ack! }.Select(r => r.Message.GetOption(DhcpOptionCode.ClientIdentifier)).ToList();
                return When(echoed.All(e => e is not null && e.AsSpan().SequenceEqual(id)),
                    $"OFFER: {Echo(echoed[0], id)}; ACK: {Echo(echoed[1], id)}");
            },
        },
        new()
        {
            Id = "6842-client-id-two-ids-one-mac",
            Section = "RFC 2131 4.2, RFC 2132 9.14",
            Level = ConformanceLevel.Should,
            Sends = "two DORAs from one MAC with two different option 61 values (two operating systems of one machine)",
            Expects = "two leases, two addresses: the client identifier, not chaddr, keys the lease",
            Run = probe =>
            {
                var mac = probe.NewMac();
                var first = probe.Lease(mac, m => m.SetOption(DhcpOptionCode.ClientIdentifier, [.. ClientId(mac), 1]));
                var second = probe.Lease(mac, m => m.SetOption(DhcpOptionCode.ClientIdentifier, [.. ClientId(mac), 2]));
                if (!first.Leased || !second.Leased)
                {
                    return Fail($"{first.Describe()}; {second.Describe()}");
                }

                return When(!first.Address.Equals(second.Address), $"first id: {first.Address}, second id: {second.Address}");
            },
        },
        new()
        {
            Id = "6842-client-id-one-id-two-macs",
            Section = "RFC 2131 4.2, RFC 2132 9.14",
            Level = ConformanceLevel.Should,
            Sends = "a DORA, then another from a different MAC with the same option 61 (a NIC replaced, a dock moved)",
            Expects = "the same address: one client identifier, one lease",
            Run = probe =>
            {
                var mac = probe.NewMac();
                var id = ClientId(mac);
                var first = probe.Lease(mac, m => m.SetOption(DhcpOptionCode.ClientIdentifier, id));
                var second = probe.Lease(probe.NewMac(), m => m.SetOption(DhcpOptionCode.ClientIdentifier, id));
                if (!first.Leased || !second.Leased)
                {
                    return Fail($"{first.Describe()}; {second.Describe()}");
                }

                return When(first.Address.Equals(second.Address), $"first MAC: {first.Address}, second MAC: {second.Address}");
            },
        },
    ];

    private static IEnumerable<ConformanceCase> Rfc3046() =>
    [
        new()
        {
            Id = "3046-option-82-echoed",
            Section = "RFC 3046 2.2",
            Level = ConformanceLevel.Must,
            Sends = "DISCOVER from a relay agent with option 82 (circuit id and remote id)",
            Expects = "option 82 in the OFFER to the relay, byte for byte (\"SHALL echo the entire contents\")",
            Run = probe =>
            {
                if (!probe.Wire.CanRelay)
                {
                    return NotApplicable("no --second-address to relay from");
                }

                var mac = probe.NewMac();
                byte[] agent = [1, 4, (byte)'p', (byte)'x', (byte)'k', (byte)'1', 2, 6, .. mac];
                var discover = Relayed(ConformanceProbe.Message(DhcpMessageType.Discover, mac), probe.Options.SecondAddress!);
                discover.SetOption(DhcpOptionCode.RelayAgentInformation, agent);
                var offer = probe.Ask(discover, DhcpPath.Relay);
                if (offer is not { Type: DhcpMessageType.Offer })
                {
                    return Fail($"{Addresses(offer)} at the relay");
                }

                var echoed = offer.Message.GetOption(DhcpOptionCode.RelayAgentInformation);
                var last = offer.Message.Options.Count > 0 && offer.Message.Options[^1].Code == DhcpOptionCode.RelayAgentInformation;
                return When(echoed is not null && echoed.AsSpan().SequenceEqual(agent), $"OFFER: {Echo(echoed, agent)}{(echoed is null ? "" : last ? ", last option" : ", not the last option")}");
            },
        },
        new()
        {
            Id = "3046-option-82-not-added",
            Section = "RFC 3046 2.2",
            Level = ConformanceLevel.Should,
            Sends = "DISCOVER straight from a client, without option 82",
            Expects = "no option 82 in the OFFER (only a relay's option is echoed)",
            Run = probe =>
            {
                var offer = probe.Ask(ConformanceProbe.Message(DhcpMessageType.Discover, probe.NewMac()));
                if (offer is not { Type: DhcpMessageType.Offer })
                {
                    return Fail($"{Addresses(offer)} to the DISCOVER");
                }

                var added = offer.Message.GetOption(DhcpOptionCode.RelayAgentInformation);
                return When(added is null, added is null ? "OFFER without option 82" : $"OFFER with option 82 of {added.Length} bytes");
            },
        },
    ];

    private static string Echo(byte[]? got, byte[] sent) =>
        got is null ? "absent" : got.AsSpan().SequenceEqual(sent) ? "echoed unaltered" : $"altered ({Convert.ToHexStringLower(got)})";
}
