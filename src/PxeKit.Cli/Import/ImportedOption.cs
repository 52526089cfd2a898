using PxeKit.Protocol.Dhcp;

namespace PxeKit.Cli.Import;

/// <summary>One entry of an <c>options:</c> list, converted from a <c>dhcp-option</c>.</summary>
/// <param name="Values">One value for scalar types, one or more for addresses and domains.</param>
/// <param name="Force">Sent even to a client that did not ask for it (dhcp-option-force).</param>
public sealed record ImportedOption(byte Code, DhcpOptionType Type, IReadOnlyList<string> Values, bool Force)
{
    /// <summary>The type's name in the configuration file.</summary>
    public string TypeName => DhcpOptionEncoding.Name(Type);

    /// <summary>True when the value is written as a list (addresses, domains).</summary>
    public bool IsList => Type is DhcpOptionType.Addresses or DhcpOptionType.Domains;
}
