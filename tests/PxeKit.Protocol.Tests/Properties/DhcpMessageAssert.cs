using PxeKit.Protocol.Dhcp;

namespace PxeKit.Protocol.Tests.Properties;

/// <summary>Field-by-field comparison of two messages, with a message that names the first difference.</summary>
internal static class DhcpMessageAssert
{
    /// <summary>The options in the order the encoder writes them: everything but 82, then 82.</summary>
    public static List<DhcpOptionValue> WireOrder(DhcpMessage message) =>
        [
            .. message.Options.Where(o => o.Code != DhcpOptionCode.RelayAgentInformation),
            .. message.Options.Where(o => o.Code == DhcpOptionCode.RelayAgentInformation),
        ];

    /// <summary>Null when equal, else what differs.</summary>
    public static string? Difference(DhcpMessage expected, DhcpMessage actual)
    {
        (string Name, object Expected, object Actual)[] fields =
        [
            ("op", expected.Op, actual.Op),
            ("htype", expected.HardwareType, actual.HardwareType),
            ("hops", expected.Hops, actual.Hops),
            ("xid", expected.TransactionId, actual.TransactionId),
            ("secs", expected.Seconds, actual.Seconds),
            ("flags", expected.Flags, actual.Flags),
            ("ciaddr", expected.ClientAddress, actual.ClientAddress),
            ("yiaddr", expected.YourAddress, actual.YourAddress),
            ("siaddr", expected.ServerAddress, actual.ServerAddress),
            ("giaddr", expected.GatewayAddress, actual.GatewayAddress),
            ("chaddr", Convert.ToHexString(expected.ClientHardwareAddress), Convert.ToHexString(actual.ClientHardwareAddress)),
            ("sname", expected.ServerName, actual.ServerName),
            ("file", expected.BootFile, actual.BootFile),
        ];
        foreach (var (name, e, a) in fields)
        {
            if (!Equals(e, a))
            {
                return $"{name}: expected {e}, got {a}";
            }
        }

        var expectedOptions = WireOrder(expected);
        var actualOptions = actual.Options;
        if (expectedOptions.Count != actualOptions.Count)
        {
            return $"option count: expected {expectedOptions.Count}, got {actualOptions.Count}";
        }

        for (int i = 0; i < expectedOptions.Count; i++)
        {
            if (expectedOptions[i].Code != actualOptions[i].Code || !expectedOptions[i].Data.AsSpan().SequenceEqual(actualOptions[i].Data))
            {
                return $"option #{i}: expected {(byte)expectedOptions[i].Code} ({expectedOptions[i].Data.Length} bytes), " +
                    $"got {(byte)actualOptions[i].Code} ({actualOptions[i].Data.Length} bytes)";
            }
        }

        return null;
    }
}
