namespace PxeKit.Protocol.Dhcp6;

/// <summary>
/// The relay messages around a client's or server's message (RFC 8415 section 9): a Relay-forward (or Relay-reply) per
/// relay, each carrying the next in its option 9, the outermost first. One walk for every reader: the server unwraps
/// what it answers, a trace what it saw.
/// </summary>
public static class Dhcp6RelayChain
{
    /// <summary>HOP_COUNT_LIMIT (RFC 8415 section 7.6): relays refuse to forward a message further, so more is not a real path.</summary>
    public const int MaxHops = 8;

    /// <summary>
    /// Walks <paramref name="datagram"/> down to the message inside its relay messages. <paramref name="hops"/> (room for
    /// <see cref="MaxHops"/>) gets each relay message's range in the datagram, outermost first; <paramref name="depth"/> how
    /// many; <paramref name="message"/> the range of the innermost message, which is not a relay message (the whole
    /// datagram when it is not one either). Fails, never throws, on a relay message that does not parse, carries no
    /// message, or nests past <see cref="MaxHops"/>; a message inside that does not parse is the caller's to find.
    /// </summary>
    public static Dhcp6RelayError TryUnwrap(ReadOnlySpan<byte> datagram, Span<Range> hops, out int depth, out Range message)
    {
        depth = 0;
        int start = 0, length = datagram.Length;
        message = new Range(0, length);
        while (true)
        {
            var current = datagram.Slice(start, length);
            if (Dhcp6MessageView.TryParse(current, out var view) != Dhcp6ParseError.None || !view.IsRelay)
            {
                message = new Range(start, start + length);
                return Dhcp6RelayError.None;
            }

            if (depth == MaxHops || depth == hops.Length)
            {
                return Dhcp6RelayError.TooManyHops;
            }

            if (!view.TryGetOption(Dhcp6OptionCode.RelayMessage, out var inner))
            {
                return Dhcp6RelayError.NoMessage;
            }

            hops[depth++] = new Range(start, start + length);
            current.Overlaps(inner, out int offset);
            (start, length) = (start + offset, inner.Length);
        }
    }
}
