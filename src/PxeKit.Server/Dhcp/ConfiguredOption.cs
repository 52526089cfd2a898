using PxeKit.Protocol.Dhcp;

namespace PxeKit.Server.Dhcp;

/// <summary>
/// An option the configuration adds to replies (a scope's, a relayed subnet's or a profile's): its code, its value as it
/// goes on the wire, and whether it is sent to clients that did not ask for it in option 55.
/// </summary>
public sealed record ConfiguredOption(byte Code, byte[] Value, bool Force = false)
{
    /// <summary>
    /// Options PxeKit writes itself, from other settings or from the exchange, which a configuration cannot set; with
    /// the setting to use instead.
    /// </summary>
    public static string? Reserved(byte code) => code switch
    {
        0 or 255 => "it is padding or the end, not an option",
        1 => "the subnet mask is the interface's (or the relayed subnet's)",
        3 => "use router:",
        6 => "use dns:",
        12 => "the host name comes from the reservation's hostname:",
        43 or 60 => "PxeKit writes the PXE and HTTP Boot vendor options itself",
        >= 50 and <= 59 or 61 => "PxeKit writes the options of the DHCP exchange itself (lease time, server identifier, message type and the like)",
        66 or 67 => "the boot server and file come from the profile (boot:, kernel:)",
        82 => "relay agent information is echoed from the request",
        _ => null,
    };

    /// <summary>Equal when code, value and force are: the value compared byte by byte, not as an array reference.</summary>
    public bool Equals(ConfiguredOption? other) =>
        other is not null && Code == other.Code && Force == other.Force && Value.AsSpan().SequenceEqual(other.Value);

    public override int GetHashCode() => HashCode.Combine(Code, Force, Value.Length);

    /// <summary>
    /// Sets each option on <paramref name="reply"/> that the client asked for in option 55 of <paramref name="request"/>,
    /// or that is forced; a later option of the same code replaces an earlier one (a profile's over a scope's).
    /// </summary>
    public static void AddTo(DhcpMessage request, DhcpMessage reply, IEnumerable<ConfiguredOption> options)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(reply);
        ArgumentNullException.ThrowIfNull(options);
        var asked = request.ParameterRequestList;
        foreach (var option in options)
        {
            if (option.Force || asked.Contains(option.Code))
            {
                reply.SetOption((DhcpOptionCode)option.Code, option.Value);
            }
        }
    }
}
