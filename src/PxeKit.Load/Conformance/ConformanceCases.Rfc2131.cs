using System.Net;
using PxeKit.Protocol.Dhcp;
using static PxeKit.Load.Conformance.CaseVerdict;

namespace PxeKit.Load.Conformance;

public static partial class ConformanceCases
{
    private static IEnumerable<ConformanceCase> Rfc2131() =>
    [
        new()
        {
            Id = "2131-offer-ack-fields",
            Section = "RFC 2131 4.3.1, table 3",
            Level = ConformanceLevel.Must,
            Sends = "DISCOVER, then REQUEST in SELECTING, broadcast bit set",
            Expects = "OFFER and ACK: op BOOTREPLY, the xid, chaddr and flags sent, yiaddr in the range, ciaddr 0, option 54 the server, option 51 present; the ACK for the offered address",
            Run = probe =>
            {
                var dora = probe.Lease(probe.NewMac());
                if (!dora.Leased)
                {
                    return Fail(dora.Describe());
                }

                var problems = FieldProblems(probe, dora.Discover, dora.Offer!).Concat(FieldProblems(probe, dora.Discover, dora.Ack!)).ToList();
                if (!dora.Ack!.Message.YourAddress.Equals(dora.Offer!.Message.YourAddress))
                {
                    problems.Add($"ACK for {dora.Ack.Message.YourAddress}, offered {dora.Offer.Message.YourAddress}");
                }

                return When(problems.Count == 0, problems.Count == 0 ? $"OFFER and ACK {dora.Address}, flags echoed" : string.Join("; ", problems));
            },
        },
        new()
        {
            Id = "2131-relay-giaddr",
            Section = "RFC 2131 4.1, table 3",
            Level = ConformanceLevel.Must,
            Sends = "DISCOVER and REQUEST from a relay agent (giaddr, hops 1, broadcast bit clear) to port 67",
            Expects = "OFFER and ACK sent to the relay's port 67, giaddr and flags (clear) echoed, yiaddr in the range",
            Run = probe =>
            {
                if (!probe.Wire.CanRelay)
                {
                    return NotApplicable("no --second-address to relay from");
                }

                var relay = probe.Options.SecondAddress!;
                var mac = probe.NewMac();
                var discover = Relayed(ConformanceProbe.Message(DhcpMessageType.Discover, mac), relay);
                var offer = probe.Ask(discover, DhcpPath.Relay);
                if (offer is not { Type: DhcpMessageType.Offer })
                {
                    return Fail($"{Addresses(offer)} at the relay");
                }

                var ack = probe.Ask(Relayed(ConformanceProbe.Selecting(mac, discover.TransactionId, offer.Message.YourAddress, offer.Message.ServerIdentifier ?? probe.Options.Server), relay), DhcpPath.Relay);
                if (ack is not { Type: DhcpMessageType.Ack })
                {
                    return Fail($"OFFER {offer.Message.YourAddress}, then {Addresses(ack)} at the relay");
                }

                probe.Leases.Add((mac, ack.Message.YourAddress, null));
                var problems = FieldProblems(probe, discover, offer).Concat(FieldProblems(probe, discover, ack))
                    .Concat(new[] { offer, ack }.Where(r => !r.Message.GatewayAddress.Equals(relay)).Select(r => $"{r.Type} giaddr {r.Message.GatewayAddress}"))
                    .ToList();
                return When(problems.Count == 0, problems.Count == 0 ? $"OFFER and ACK {ack.Message.YourAddress} to {relay}:67, giaddr and flags echoed" : string.Join("; ", problems));
            },
        },
        new()
        {
            Id = "2131-init-reboot-unknown",
            Section = "RFC 2131 4.3.2",
            Level = ConformanceLevel.Must,
            Sends = "REQUEST in INIT-REBOOT (option 50, no 54) for a free in-range address, from a client the server has never seen",
            Expects = "silence (\"If the DHCP server has no record of this client, then it MUST remain silent\")",
            Run = probe =>
            {
                var free = probe.Ask(ConformanceProbe.Message(DhcpMessageType.Discover, probe.NewMac()));
                if (free is not { Type: DhcpMessageType.Offer })
                {
                    return NotApplicable($"no free address to ask for: {Addresses(free)} to a DISCOVER");
                }

                var reply = probe.Listen(ConformanceProbe.InitReboot(probe.NewMac(), free.Message.YourAddress));
                return When(reply is null, $"{Addresses(reply)} for {free.Message.YourAddress}");
            },
        },
        new()
        {
            Id = "2131-selecting-other-server",
            Section = "RFC 2131 3.1.4, 4.3.2",
            Level = ConformanceLevel.Must,
            Sends = "DISCOVER, then REQUEST in SELECTING for the offered address naming another server in option 54",
            Expects = "silence: the client chose another server and declined this one's offer",
            Run = probe =>
            {
                var mac = probe.NewMac();
                var discover = ConformanceProbe.Message(DhcpMessageType.Discover, mac);
                var offer = probe.Ask(discover);
                if (offer is not { Type: DhcpMessageType.Offer })
                {
                    return Fail($"{Addresses(offer)} to the DISCOVER");
                }

                var reply = probe.Listen(ConformanceProbe.Selecting(mac, discover.TransactionId, offer.Message.YourAddress, OtherServer));
                return When(reply is null, $"{Addresses(reply)} to a REQUEST naming {OtherServer}");
            },
        },
        new()
        {
            Id = "2131-request-held-address",
            Section = "RFC 2131 4.3.2",
            Level = ConformanceLevel.Must,
            Sends = "REQUEST in SELECTING naming this server, then in INIT-REBOOT, from another MAC, for an address leased to a client",
            Expects = "NAK or silence to both, never an ACK; the holder is still ACKed",
            Run = probe =>
            {
                var holder = probe.Lease(probe.NewMac());
                if (!holder.Leased)
                {
                    return Fail("the holder got " + holder.Describe());
                }

                var other = probe.NewMac();
                var selecting = ConformanceProbe.Selecting(other, ConformanceProbe.Message(DhcpMessageType.Request, other).TransactionId, holder.Address, probe.Options.Server);
                var first = probe.Listen(selecting);
                var second = probe.Listen(ConformanceProbe.InitReboot(other, holder.Address));
                var (held, heldSeen) = StillHeld(probe, holder);
                var seen = $"SELECTING: {Addresses(first)}; INIT-REBOOT: {Addresses(second)}; {heldSeen}";
                return When(first?.Type != DhcpMessageType.Ack && second?.Type != DhcpMessageType.Ack && held, seen);
            },
        },
        new()
        {
            Id = "2131-nak-fields",
            Section = "RFC 2131 4.3.2, table 3",
            Level = ConformanceLevel.Must,
            Sends = "REQUEST in INIT-REBOOT from a client with a lease, for another client's address",
            Expects = "if a NAK: yiaddr, ciaddr and siaddr 0, option 54 the server, no option 51, the xid and chaddr sent",
            Run = probe =>
            {
                var holder = probe.Lease(probe.NewMac());
                var other = probe.Lease(probe.NewMac());
                if (!holder.Leased || !other.Leased)
                {
                    return Fail($"two leases wanted: {holder.Describe()}, {other.Describe()}");
                }

                var reply = probe.Listen(ConformanceProbe.InitReboot(holder.Ack!.Message.ClientHardwareAddress, other.Address));
                if (reply is null)
                {
                    return NotApplicable("no NAK to inspect: the server stayed silent, which RFC 2131 allows a server that is not authoritative");
                }

                if (reply.Type != DhcpMessageType.Nak)
                {
                    return Fail($"{reply.Type} yiaddr {reply.Message.YourAddress} for an address leased to another client");
                }

                var m = reply.Message;
                var problems = new List<string>();
                problems.AddRange(new[] { ("yiaddr", m.YourAddress), ("ciaddr", m.ClientAddress), ("siaddr", m.ServerAddress) }
                    .Where(f => !f.Item2.Equals(IPAddress.Any)).Select(f => $"{f.Item1} {f.Item2}"));
                if (!probe.Options.Server.Equals(m.ServerIdentifier))
                {
                    problems.Add($"option 54 {m.ServerIdentifier?.ToString() ?? "missing"}");
                }

                if (m.GetOption(DhcpOptionCode.LeaseTime) is not null)
                {
                    problems.Add("option 51 present");
                }

                return When(problems.Count == 0, problems.Count == 0 ? "NAK with yiaddr, ciaddr, siaddr 0, option 54, no option 51" : "NAK with " + string.Join(", ", problems));
            },
        },
        // Table 5's MUST binds the client; what a server does with a DECLINE that lacks option 54 is not written, so SHOULD:
        // a server that takes it may be acting on a DECLINE meant for another server on the segment.
        Decline("2131-decline-without-server-id", "RFC 2131 4.4.1 table 5", ConformanceLevel.Should,
            "DHCPDECLINE from the lease's holder without option 54 (table 5: the client MUST send it)", forged: false, serverId: _ => null),
        Decline("2131-decline-other-server-id", "RFC 2131 3.1.5, 4.4.1", ConformanceLevel.Must,
            "DHCPDECLINE from the lease's holder naming another server in option 54", forged: false, serverId: _ => OtherServer),
        Decline("forged-decline-other-mac", "RFC 2131 4.3.3; forged", ConformanceLevel.Hostility,
            "DHCPDECLINE naming this server, for a client's address, from another MAC", forged: true, serverId: probe => probe.Options.Server),
        new()
        {
            Id = "forged-release-other-mac",
            Section = "RFC 2131 4.3.4; forged",
            Level = ConformanceLevel.Hostility,
            Sends = "DHCPRELEASE (ciaddr a client's address, option 54 this server) from another MAC, unicast",
            Expects = "no effect: the address is not offered to a third client asking for it, and the holder is still ACKed",
            Run = probe =>
            {
                var holder = probe.Lease(probe.NewMac());
                if (!holder.Leased)
                {
                    return Fail("the holder got " + holder.Describe());
                }

                probe.Listen(ConformanceProbe.Release(probe.NewMac(), holder.Address, probe.Options.Server), DhcpPath.Unicast);
                var third = ConformanceProbe.Message(DhcpMessageType.Discover, probe.NewMac());
                third.SetAddress(DhcpOptionCode.RequestedIpAddress, holder.Address);
                var offer = probe.Ask(third);
                var (held, heldSeen) = StillHeld(probe, holder);
                var given = offer?.Message.YourAddress.Equals(holder.Address) == true;
                return When(!given && held, $"a third client asking for {holder.Address} got {Addresses(offer)}; {heldSeen}");
            },
        },
    ];

    private static ConformanceCase Decline(string id, string section, ConformanceLevel level, string sends, bool forged, Func<ConformanceProbe, IPAddress?> serverId) => new()
    {
        Id = id,
        Section = section,
        Level = level,
        Sends = sends,
        Expects = "no effect: the holder is ACKed for its address in INIT-REBOOT afterwards",
        Run = probe =>
        {
            var holder = probe.Lease(probe.NewMac());
            if (!holder.Leased)
            {
                return Fail("the holder got " + holder.Describe());
            }

            var from = forged ? probe.NewMac() : holder.Ack!.Message.ClientHardwareAddress;
            probe.Listen(ConformanceProbe.Decline(from, holder.Address, serverId(probe)));
            var (held, seen) = StillHeld(probe, holder);
            return When(held, seen);
        },
    };

    /// <summary>The holder asks for its address again in INIT-REBOOT: an ACK for it means the lease is intact.</summary>
    private static (bool Held, string Seen) StillHeld(ConformanceProbe probe, Dora holder)
    {
        var reply = probe.Ask(ConformanceProbe.InitReboot(holder.Ack!.Message.ClientHardwareAddress, holder.Address));
        var held = reply is { Type: DhcpMessageType.Ack } && reply.Message.YourAddress.Equals(holder.Address);
        return (held, $"the holder of {holder.Address} then got {Addresses(reply)}");
    }

    /// <summary>RFC 2131 table 3: what every OFFER and ACK carries back from the request.</summary>
    private static IEnumerable<string> FieldProblems(ConformanceProbe probe, DhcpMessage request, DhcpReply reply)
    {
        var m = reply.Message;
        var name = reply.Type.ToString().ToUpperInvariant();
        if (m.Flags != request.Flags)
        {
            yield return $"{name} flags 0x{m.Flags:x4}, sent 0x{request.Flags:x4}";
        }

        if (!probe.InRange(m.YourAddress))
        {
            yield return $"{name} yiaddr {m.YourAddress} outside the range";
        }

        if (!m.ClientAddress.Equals(request.ClientAddress))
        {
            yield return $"{name} ciaddr {m.ClientAddress}";
        }

        if (!probe.Options.Server.Equals(m.ServerIdentifier))
        {
            yield return $"{name} option 54 {m.ServerIdentifier?.ToString() ?? "missing"}";
        }

        if (m.GetOption(DhcpOptionCode.LeaseTime) is null)
        {
            yield return $"{name} without option 51";
        }
    }

    /// <summary>The message as a relay agent forwards it: giaddr its address, one hop, the broadcast bit of a client that can take unicast.</summary>
    private static DhcpMessage Relayed(DhcpMessage message, IPAddress relay)
    {
        message.GatewayAddress = relay;
        message.Hops = 1;
        message.Flags = 0;
        return message;
    }
}
