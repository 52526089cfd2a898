using System.Net;
using System.Net.Sockets;

namespace PxeKit.Lab.Network;

/// <summary>
/// Names and addresses of one lab network. Every name starts with <see cref="Prefix"/>, so a later
/// <c>lab down</c> can find what a crashed run left behind; tests give each run its own prefix.
/// </summary>
public sealed record LabNetworkOptions
{
    /// <summary>Longest interface name Linux accepts (IFNAMSIZ - 1).</summary>
    public const int MaxInterfaceNameLength = 15;

    /// <summary>What all lab names start with. Default <c>pxk</c>.</summary>
    public string Prefix { get; init; } = "pxk";

    /// <summary>
    /// What every lab namespace starts with: the prefix and a dash (<c>pxk-</c>). The dash keeps the default
    /// lab's cleanup away from labs with longer prefixes (tests use <c>pxkn1234-lab</c>), which are not its leftovers.
    /// </summary>
    public string NamespacePrefix => Prefix + "-";

    /// <summary>The network namespace that holds the bridge and the tap. Default <c>pxk-lab</c>.</summary>
    public string Namespace { get; init; } = "pxk-lab";

    /// <summary>The namespace of the other DHCP server some lab boots run beside PxeKit (<c>--proxy</c>, <c>--other-dhcp</c>). Default <c>pxk-dhcp</c>.</summary>
    public string DhcpNamespace => Prefix + "-dhcp";

    /// <summary>
    /// The namespaces a lab run makes: all that <c>lab down</c> and a new run remove as a crashed run's leftovers. Other
    /// namespaces, whatever their names, are never the lab's to remove.
    /// </summary>
    public IReadOnlyList<string> OwnNamespaces => [Namespace, DhcpNamespace];

    /// <summary>The bridge the server binds to. Default <c>pxkbr0</c>.</summary>
    public string Bridge { get; init; } = "pxkbr0";

    /// <summary>The tap QEMU attaches to. Default <c>pxktap0</c>.</summary>
    public string Tap { get; init; } = "pxktap0";

    /// <summary>The bridge's (and so the server's) address. Default 10.47.0.1, a private address.</summary>
    public IPAddress BridgeAddress { get; init; } = IPAddress.Parse("10.47.0.1");

    /// <summary>Prefix length of the lab subnet. Default 24.</summary>
    public int PrefixLength { get; init; } = 24;

    /// <summary>The bridge address in CIDR form, e.g. <c>10.47.0.1/24</c>.</summary>
    public string BridgeCidr => $"{BridgeAddress}/{PrefixLength}";

    /// <summary>
    /// The bridge's IPv6 address, unique-local (fd00::/8: as private as the IPv4 one), in a /64: what IPv6 clients are
    /// served from (<c>pxekit boot --ipv6</c>).
    /// </summary>
    public IPAddress BridgeAddress6 { get; init; } = IPAddress.Parse("fd00:47::1");

    /// <summary>The bridge's IPv6 address in CIDR form, <c>fd00:47::1/64</c>.</summary>
    public string BridgeCidr6 => $"{BridgeAddress6}/64";

    /// <summary>Options for a lab whose every name starts with <paramref name="prefix"/> (for tests run in parallel).</summary>
    public static LabNetworkOptions WithPrefix(string prefix, IPAddress bridgeAddress) => new()
    {
        Prefix = prefix,
        Namespace = prefix + "-lab",
        Bridge = prefix + "br",
        Tap = prefix + "tap",
        BridgeAddress = bridgeAddress,
    };

    /// <summary>Every problem with these options, all at once; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Prefix))
        {
            errors.Add("The lab prefix is empty: lab down could not tell lab leftovers from other namespaces.");
        }

        if (!Namespace.StartsWith(NamespacePrefix, StringComparison.Ordinal))
        {
            errors.Add($"The namespace name '{Namespace}' does not start with '{NamespacePrefix}'.");
        }

        CheckName(errors, "namespace", Namespace, MaxInterfaceNameLength * 4);
        CheckName(errors, "bridge", Bridge, MaxInterfaceNameLength);
        CheckName(errors, "tap", Tap, MaxInterfaceNameLength);
        if (BridgeAddress.AddressFamily != AddressFamily.InterNetwork || !IsPrivate(BridgeAddress))
        {
            errors.Add($"The bridge address {BridgeAddress} is not a private IPv4 address (10/8, 172.16/12, 192.168/16).");
        }

        if (PrefixLength is < 8 or > 30)
        {
            errors.Add($"The prefix length /{PrefixLength} is outside /8../30.");
        }

        return errors;
    }

    private void CheckName(List<string> errors, string what, string name, int maxLength)
    {
        if (string.IsNullOrEmpty(name) || !name.StartsWith(Prefix, StringComparison.Ordinal))
        {
            errors.Add($"The {what} name '{name}' does not start with the lab prefix '{Prefix}'.");
        }
        else if (name.Length > maxLength)
        {
            errors.Add($"The {what} name '{name}' is longer than {maxLength} characters.");
        }
        else if (name.AsSpan().ContainsAnyExcept(LabNames.Allowed))
        {
            errors.Add($"The {what} name '{name}' may hold only letters, digits, '-' and '_'.");
        }
    }

    private static bool IsPrivate(IPAddress address)
    {
        var bytes = address.GetAddressBytes();
        return bytes[0] == 10 || (bytes[0] == 172 && (bytes[1] & 0xF0) == 16) || (bytes[0] == 192 && bytes[1] == 168);
    }
}
