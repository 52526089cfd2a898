using System.Text;

namespace PxeKit.Protocol.Dhcp;

/// <summary>
/// Option 82 as a relay adds it (RFC 3046): the circuit id (sub-option 1: the port or VLAN the request came in on) and
/// the remote id (sub-option 2: the relay or switch itself). Each is opaque bytes; shown as text when it is printable
/// ASCII (<c>eth0:100</c>, as many switches write it), else as colon hex (<c>00:04:00:64</c>).
/// </summary>
public sealed record RelayAgentInformation(string? CircuitId, string? RemoteId)
{
    public const byte CircuitIdSubOption = 1;
    public const byte RemoteIdSubOption = 2;

    /// <summary>The sub-options of option 82's value; null when there is none or it is malformed.</summary>
    public static RelayAgentInformation? Parse(byte[]? value)
    {
        if (value is null)
        {
            return null;
        }

        string? circuit = null, remote = null;
        int i = 0;
        while (i < value.Length)
        {
            if (i + 2 > value.Length || i + 2 + value[i + 1] > value.Length)
            {
                return null;
            }

            var data = value.AsSpan(i + 2, value[i + 1]);
            switch (value[i])
            {
                case CircuitIdSubOption: circuit = Show(data); break;
                case RemoteIdSubOption: remote = Show(data); break;
            }

            i += 2 + value[i + 1];
        }

        return new RelayAgentInformation(circuit, remote);
    }

    /// <summary>Printable ASCII as it is, anything else as colon hex.</summary>
    public static string Show(ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
        {
            if (b is < 0x20 or > 0x7e)
            {
                return MacAddress.Format(data);
            }
        }

        return Encoding.ASCII.GetString(data);
    }
}
