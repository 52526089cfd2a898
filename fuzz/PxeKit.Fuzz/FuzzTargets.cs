using System.Net;
using PxeKit.Cli.Config;
using PxeKit.Core.Capture;
using PxeKit.Core.Net;
using PxeKit.Protocol.Dhcp;
using PxeKit.Protocol.Dhcp6;
using PxeKit.Protocol.Tftp;

namespace PxeKit.Fuzz;

/// <summary>
/// One method per fuzz target. Each reads one input the way PxeKit does and throws only on a bug:
/// a parser that throws, or a parsed value that does not survive being written and read again.
/// The regression tests replay the saved crashes through these same methods.
/// </summary>
public static class FuzzTargets
{
    /// <summary>The target names <c>scripts/fuzz.sh</c> knows, in the order it runs them.</summary>
    public static IReadOnlyList<string> Names { get; } = ["dhcp", "tftp", "frame", "config", "dhcp6"];

    /// <summary>Runs the named target on one input.</summary>
    public static void Run(string target, ReadOnlySpan<byte> input)
    {
        switch (target)
        {
            case "dhcp": Dhcp(input); break;
            case "tftp": Tftp(input); break;
            case "frame": Frame(input.ToArray()); break;
            case "config": Config(input); break;
            case "dhcp6": Dhcp6(input); break;
            default: throw new ArgumentException($"unknown fuzz target '{target}'", nameof(target));
        }
    }

    /// <summary>The DHCP decoder, every typed accessor, and the round trip of what it decoded.</summary>
    public static void Dhcp(ReadOnlySpan<byte> input)
    {
        var error = DhcpMessage.TryParse(input, out var message);
        if ((error == DhcpParseError.None) != (message is not null) || !Enum.IsDefined(error))
        {
            throw new InvalidOperationException($"TryParse returned {error} with message {(message is null ? "null" : "set")}");
        }

        if (message is null)
        {
            return;
        }

        _ = DhcpMessageFormatter.Format(message);
        _ = (message.ClientArchitectures, message.UserClasses, message.IsIpxe, message.IsPxeClient, message.IsHttpClient);
        _ = (message.RequestedAddress, message.ServerIdentifier, message.HostName, message.MessageType);
        if (message.GetOption(DhcpOptionCode.VendorSpecific) is { } vendor)
        {
            _ = PxeVendorOptions.TryParse(vendor, out _);
        }

        // A name field filled to its last byte has no NUL; the encoder refuses to write one on
        // purpose (firmware reads these fields as C strings), so such a message is not re-encoded.
        if (message.ServerName.Length >= DhcpConstants.ServerNameLength || message.BootFile.Length >= DhcpConstants.BootFileLength)
        {
            return;
        }

        var buffer = new byte[64 * 1024];
        int length = message.WriteTo(buffer);
        var againError = DhcpMessage.TryParse(buffer.AsSpan(0, length), out var again);
        if (againError != DhcpParseError.None)
        {
            throw new InvalidOperationException($"a decoded message, encoded again, does not parse: {againError}");
        }

        // The encoder moves option 82 to the end on purpose (RFC 3046 section 2.1): compare in that order.
        if (message.GetOption(DhcpOptionCode.RelayAgentInformation) is { } relay)
        {
            message.RemoveOption(DhcpOptionCode.RelayAgentInformation);
            message.SetOption(DhcpOptionCode.RelayAgentInformation, relay);
        }

        var before = DhcpMessageFormatter.Format(message).Split('\n');
        var after = DhcpMessageFormatter.Format(again!).Split('\n');
        int line = 0;
        while (line < before.Length && line < after.Length && before[line] == after[line])
        {
            line++;
        }

        if (line < before.Length || line < after.Length)
        {
            throw new InvalidOperationException(
                $"a decoded message decodes differently after encoding: '{before.ElementAtOrDefault(line)}' became '{after.ElementAtOrDefault(line)}'");
        }
    }

    /// <summary>
    /// The DHCPv6 view, every accessor, the formatter, and the round trip: the header and options written again
    /// with the reply writer are the same bytes (a relay message too, through the message it carries), and the walk through
    /// relay messages.
    /// </summary>
    public static void Dhcp6(ReadOnlySpan<byte> input)
    {
        // The relay chain's walk, as serve and trace take it: inside the input, and no deeper than the hop limit.
        Span<Range> hops = stackalloc Range[Dhcp6RelayChain.MaxHops];
        var relayError = Dhcp6RelayChain.TryUnwrap(input, hops, out int depth, out var message);
        if (!Enum.IsDefined(relayError) || depth > Dhcp6RelayChain.MaxHops || message.GetOffsetAndLength(input.Length).Length > input.Length)
        {
            throw new InvalidOperationException($"the relay chain walk returned {relayError} at depth {depth}, message {message}");
        }

        var error = Dhcp6MessageView.TryParse(input, out var view);
        if (!Enum.IsDefined(error))
        {
            throw new InvalidOperationException($"TryParse returned an undefined reason {error}");
        }

        if (error != Dhcp6ParseError.None)
        {
            return;
        }

        _ = Dhcp6MessageFormatter.Format(view);
        _ = (view.ClientId.Length, view.ServerId.Length, view.Architecture, view.IsIpxe, view.RapidCommit, view.ElapsedTime, view.BootFileUrl.Length);
        _ = (view.TryGetNetworkInterfaceId(out _, out _, out _), view.TryGetStatus(out _, out _), view.TryGetVendorClass(out _, out _));
        foreach (var ia in view.IaNas)
        {
            _ = (ia.Iaid, ia.T1, ia.T2, ia.TryGetStatus(out _, out _), ia.TryGetAddress(out _));
        }

        if (view.TryGetRelayedMessage(out var relayed))
        {
            Dhcp6(relayed);
        }

        if (view.IsRelay)
        {
            return;
        }

        var buffer = new byte[input.Length];
        var writer = new Dhcp6MessageWriter(buffer, view.MessageType, view.TransactionId);
        foreach (var option in view.Options)
        {
            writer.Write((Dhcp6OptionCode)option.Code, option.Data);
        }

        if (!writer.Written.SequenceEqual(input))
        {
            throw new InvalidOperationException($"a decoded DHCPv6 message is {writer.Position} bytes when written again, not the {input.Length} it was");
        }
    }

    /// <summary>The TFTP decoder, its option walk and the numbers the server negotiates from.</summary>
    public static void Tftp(ReadOnlySpan<byte> input)
    {
        var error = TftpPacket.TryParse(input, out var packet);
        if (!Enum.IsDefined(error))
        {
            throw new InvalidOperationException($"TryParse returned an undefined reason {error}");
        }

        if (error != TftpParseError.None)
        {
            return;
        }

        foreach (var option in packet.Options)
        {
            _ = option.TryGetNumber(out _);
            _ = option.NameIs(TftpConstants.BlockSizeOption);
        }

        _ = packet.GetRequestOptions();
    }

    /// <summary>
    /// The one frame decoder (serve's capture, trace, boot's tap), then the DHCP, DHCPv6 and TFTP decoders on a UDP payload,
    /// the router discovery views on an ICMPv6 one, and the trace analyzer on the frame.
    /// </summary>
    public static void Frame(byte[] input)
    {
        var frame = new CapturedFrame(DateTimeOffset.UnixEpoch, PacketDotNet.LinkLayers.Ethernet, input);
        var analyzer = new PxeKit.Diagnostics.Trace.TraceAnalyzer();
        analyzer.Add(frame);
        analyzer.Finish();
        if (!FrameDecoder.TryDecode(frame, out var segment))
        {
            return;
        }

        if (segment.Payload.Length > input.Length)
        {
            throw new InvalidOperationException("the payload is longer than the frame");
        }

        if (segment.Transport == WireTransport.Icmpv6)
        {
            _ = PxeKit.Protocol.Icmpv6.RouterSolicitationView.TryRead(segment.Payload.Span, out _);
            if (PxeKit.Protocol.Icmpv6.RouterAdvertisementView.TryRead(segment.Payload.Span, out var advertisement))
            {
                _ = advertisement.ReadPrefixes(8);
            }

            return;
        }

        Dhcp(segment.Payload.Span);
        Dhcp6(segment.Payload.Span);
        Tftp(segment.Payload.Span);
    }

    /// <summary>The YAML loader and the validation of <c>serve</c>, with an interface that always exists.</summary>
    public static void Config(ReadOnlySpan<byte> input)
    {
        var path = Path.Combine(Path.GetTempPath(), $"pxekit-fuzz-{Environment.ProcessId}.yaml");
        File.WriteAllBytes(path, input.ToArray());
        try
        {
            var builder = new ServeSettingsBuilder(name => new InterfaceAddress(name, IPAddress.Parse("10.99.0.1"), IPAddress.Parse("255.255.255.0"), true));
            var errors = new List<string>();
            var settings = builder.Build(new ServeArguments { ConfigPath = path, NoCapture = true }, errors);
            if (settings is null == (errors.Count == 0))
            {
                throw new InvalidOperationException($"settings {(settings is null ? "missing" : "given")} with {errors.Count} errors");
            }
        }
        finally
        {
            File.Delete(path);
        }
    }
}
