using FsCheck;
using FsCheck.Fluent;
using PxeKit.Protocol.Dhcp;

namespace PxeKit.Protocol.Tests.Properties;

/// <summary>
/// FsCheck generators for DHCP messages: every header field, Latin-1 names, options with distinct
/// codes whose values range from empty to several times 255 bytes (so RFC 3396 splitting happens),
/// and option 82 with relay sub-options.
/// </summary>
public static class DhcpGenerators
{
    /// <summary>Option codes a message may carry as ordinary options: not Pad, End or Overload (52 is not kept).</summary>
    private static readonly Gen<byte> OrdinaryCode = Gen.Choose(1, 254)
        .Where(c => c != (int)DhcpOptionCode.OptionOverload && c != (int)DhcpOptionCode.RelayAgentInformation)
        .Select(c => (byte)c);

    /// <summary>Short values most of the time; now and then one longer than an option instance can hold.</summary>
    public static Gen<byte[]> OptionValue { get; } = Gen.Frequency(
        (6, Gen.Choose(0, 40).SelectMany(n => Bytes(n))),
        (1, Gen.Choose(250, 800).SelectMany(n => Bytes(n))));

    /// <summary>Option 82 as a relay writes it: circuit id (1) and remote id (2) sub-options.</summary>
    public static Gen<byte[]> RelayAgentInformation { get; } =
        from circuit in Gen.Choose(1, 30).SelectMany(n => Bytes(n))
        from remote in Gen.Choose(1, 30).SelectMany(n => Bytes(n))
        select (byte[])[1, (byte)circuit.Length, .. circuit, 2, (byte)remote.Length, .. remote];

    /// <summary>A list of options with distinct codes, in generated order.</summary>
    public static Gen<List<(DhcpOptionCode Code, byte[] Value)>> Options(int maxCount, Gen<byte[]> value) =>
        from codes in Gen.ListOf(OrdinaryCode).Select(l => l.Distinct().Take(maxCount).ToList())
        from values in Gen.ListOf(value, codes.Count)
        select codes.Zip(values, (c, v) => ((DhcpOptionCode)c, v)).ToList();

    /// <summary>A whole message: header, names, options, and option 82 half of the time.</summary>
    public static Gen<DhcpMessage> Message { get; } =
        from op in Gen.Elements(DhcpOpCode.BootRequest, DhcpOpCode.BootReply)
        from htype in ArbMap.Default.GeneratorFor<byte>()
        from hops in ArbMap.Default.GeneratorFor<byte>()
        from xid in ArbMap.Default.GeneratorFor<uint>()
        from secs in ArbMap.Default.GeneratorFor<ushort>()
        from flags in ArbMap.Default.GeneratorFor<ushort>()
        from addresses in Gen.ArrayOf(ArbMap.Default.GeneratorFor<uint>(), 4)
        from chaddr in Gen.Choose(0, DhcpConstants.ClientHardwareAddressLength).SelectMany(n => Bytes(n))
        from sname in Latin1Text(DhcpConstants.ServerNameLength - 1)
        from file in Latin1Text(DhcpConstants.BootFileLength - 1)
        from options in Options(12, OptionValue)
        from relay in Gen.Frequency((1, RelayAgentInformation), (1, Gen.Constant<byte[]>([])))
        select Build(op, htype, hops, xid, secs, flags, addresses, chaddr, sname, file, options, relay);

    /// <summary>For <c>[Property(Arbitrary = ...)]</c>.</summary>
    public static Arbitrary<DhcpMessage> DhcpMessage() => Arb.From(Message);

    public static Gen<byte[]> Bytes(int length) =>
        Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), length);

    /// <summary>Latin-1 text without NUL (NUL ends a field on the wire), up to <paramref name="max"/> characters.</summary>
    public static Gen<string> Latin1Text(int max) =>
        from length in Gen.Frequency((3, Gen.Constant(0)), (5, Gen.Choose(1, 20)), (1, Gen.Constant(max)))
        from chars in Gen.ArrayOf(Gen.Choose(1, 255).Select(c => (char)c), length)
        select new string(chars);

    private static DhcpMessage Build(
        DhcpOpCode op, byte htype, byte hops, uint xid, ushort secs, ushort flags, uint[] addresses, byte[] chaddr,
        string sname, string file, List<(DhcpOptionCode Code, byte[] Value)> options, byte[] relay)
    {
        var message = new DhcpMessage
        {
            Op = op,
            HardwareType = htype,
            Hops = hops,
            TransactionId = xid,
            Seconds = secs,
            Flags = flags,
            ClientAddress = Ipv4.ToAddress(addresses[0]),
            YourAddress = Ipv4.ToAddress(addresses[1]),
            ServerAddress = Ipv4.ToAddress(addresses[2]),
            GatewayAddress = Ipv4.ToAddress(addresses[3]),
            ClientHardwareAddress = chaddr,
            ServerName = sname,
            BootFile = file,
        };

        // Option 82 goes first on purpose: the encoder must still write it last.
        if (relay.Length > 0)
        {
            message.SetOption(DhcpOptionCode.RelayAgentInformation, relay);
        }

        foreach (var (code, value) in options)
        {
            message.SetOption(code, value);
        }

        return message;
    }
}
