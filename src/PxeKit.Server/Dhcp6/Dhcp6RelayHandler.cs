using System.Buffers;
using System.Buffers.Binary;
using System.Net;
using PxeKit.Core.Events;
using PxeKit.Protocol.Dhcp6;

namespace PxeKit.Server.Dhcp6;

/// <summary>
/// Relayed clients (RFC 8415 section 19.3): a Relay-forward is unwrapped, through every relay it passed, down to the
/// client's own message, which the mode's handler answers as if the client were on the link, told how it came
/// (<see cref="Dhcp6RequestContext.Relay"/>); its reply is wrapped back in one Relay-reply per relay, each with the
/// hop count, link-address and peer-address of its Relay-forward and its Interface-Id echoed (section 21.18), and goes
/// back to the relay agent on UDP 547. Anything else goes to the handler as it is.
/// </summary>
public sealed class Dhcp6RelayHandler(IDhcp6Handler inner, Dhcp6Journal journal) : IDhcp6Handler
{
    public Dhcp6Outcome Handle(Dhcp6RequestContext context, Span<byte> reply)
    {
        ArgumentNullException.ThrowIfNull(context);
        var datagram = context.Datagram;
        if (datagram.Length == 0 || datagram.Span[Dhcp6Constants.MessageTypeOffset] != (byte)Dhcp6MessageType.RelayForward)
        {
            return inner.Handle(context, reply);
        }

        // Each relay's Relay-forward, outermost first, as ranges of the datagram (no copy).
        Span<Range> hops = stackalloc Range[Dhcp6RelayChain.MaxHops];
        var error = Dhcp6RelayChain.TryUnwrap(datagram.Span, hops, out int depth, out var message);
        if (error != Dhcp6RelayError.None)
        {
            journal.Ignored(RelayFacts(context), null, Dhcp6IgnoreReason.Relayed,
                error == Dhcp6RelayError.TooManyHops ? $"a Relay-forward through more than {Dhcp6RelayChain.MaxHops} relays" : "a Relay-forward that carries no message",
                context.Interface);
            return Dhcp6Outcome.None;
        }

        if (depth == 0)
        {
            // A Relay-forward that does not parse: the handler journals it as it journals any such datagram.
            return inner.Handle(context, reply);
        }

        // The relay nearest the client says where it is: its link-address (on the client's link) and its peer-address
        // (the client's own address, link-local).
        var nearest = datagram.Span[hops[depth - 1]];
        var link = new IPAddress(nearest.Slice(Dhcp6Constants.LinkAddressOffset, Dhcp6Constants.AddressLength));
        var peer = new IPAddress(nearest.Slice(Dhcp6Constants.PeerAddressOffset, Dhcp6Constants.AddressLength));
        var clientContext = context with
        {
            Datagram = datagram[message],
            Source = new IPEndPoint(peer, Dhcp6Constants.ClientPort),
            Relay = new Dhcp6RelayPath(context.Source.Address, link.Equals(IPAddress.IPv6Any) ? null : link, depth),
        };

        var scratch = ArrayPool<byte>.Shared.Rent(reply.Length);
        try
        {
            var outcome = inner.Handle(clientContext, scratch);
            if (outcome.Length == 0)
            {
                return outcome;
            }

            int total = Wrap(datagram.Span, hops[..depth], scratch.AsSpan(0, outcome.Length), reply);
            if (total == 0)
            {
                journal.Ignored(RelayFacts(context), outcome.Reply?.Mac, Dhcp6IgnoreReason.Relayed, "a reply too large to wrap for its relays", context.Interface);
                return Dhcp6Outcome.None;
            }

            return outcome with { Length = total, ToRelay = true };
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    private static Dhcp6Facts RelayFacts(Dhcp6RequestContext context) =>
        new() { MessageType = Dhcp6MessageType.RelayForward, RelayAddress = context.Source.Address.ToString(), Interface = context.Interface };

    /// <summary>Writes the Relay-replies around <paramref name="answer"/> into <paramref name="reply"/>: its length, or 0 when it does not fit.</summary>
    private static int Wrap(ReadOnlySpan<byte> datagram, ReadOnlySpan<Range> hops, ReadOnlySpan<byte> answer, Span<byte> reply)
    {
        // Sizes from the innermost outward: each Relay-reply holds its header, the Interface-Id echoed, and the next one.
        Span<int> carried = stackalloc int[hops.Length + 1];
        carried[hops.Length] = answer.Length;
        for (int i = hops.Length - 1; i >= 0; i--)
        {
            carried[i] = Dhcp6Constants.RelayHeaderLength + InterfaceIdLength(datagram, hops[i]) + Dhcp6Constants.OptionHeaderLength + carried[i + 1];
        }

        if (carried[0] > reply.Length)
        {
            return 0;
        }

        int at = 0;
        for (int i = 0; i < hops.Length; i++)
        {
            var forward = datagram[hops[i]];
            reply[at] = (byte)Dhcp6MessageType.RelayReply;
            forward[Dhcp6Constants.HopCountOffset..Dhcp6Constants.RelayHeaderLength].CopyTo(reply[(at + 1)..]);
            at += Dhcp6Constants.RelayHeaderLength;
            Dhcp6MessageView.TryParse(forward, out var view);
            if (view.TryGetOption(Dhcp6OptionCode.InterfaceId, out var interfaceId))
            {
                at += WriteOptionHeader(reply[at..], Dhcp6OptionCode.InterfaceId, interfaceId.Length);
                interfaceId.CopyTo(reply[at..]);
                at += interfaceId.Length;
            }

            at += WriteOptionHeader(reply[at..], Dhcp6OptionCode.RelayMessage, carried[i + 1]);
        }

        answer.CopyTo(reply[at..]);
        return at + answer.Length;
    }

    private static int InterfaceIdLength(ReadOnlySpan<byte> datagram, Range hop)
    {
        Dhcp6MessageView.TryParse(datagram[hop], out var view);
        return view.TryGetOption(Dhcp6OptionCode.InterfaceId, out var interfaceId) ? Dhcp6Constants.OptionHeaderLength + interfaceId.Length : 0;
    }

    private static int WriteOptionHeader(Span<byte> at, Dhcp6OptionCode code, int length)
    {
        BinaryPrimitives.WriteUInt16BigEndian(at, (ushort)code);
        BinaryPrimitives.WriteUInt16BigEndian(at[2..], checked((ushort)length));
        return Dhcp6Constants.OptionHeaderLength;
    }
}
