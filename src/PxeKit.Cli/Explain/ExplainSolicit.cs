using System.Buffers.Binary;
using System.Text;
using PxeKit.Cli.Config;
using PxeKit.Host.Management;
using PxeKit.Protocol.Dhcp;
using PxeKit.Protocol.Dhcp6;

namespace PxeKit.Cli.Explain;

/// <summary>
/// A DHCPv6 Solicit shaped like the described client's (RFC 8415 section 18.2.1, RFC 5970), built for
/// <c>explain --ipv6</c>: its DUID-LL from the MAC, one IA_NA, an option request for the boot file URL and its
/// parameters (59, 60) and DNS (23), its architecture (61), vendor class (16, enterprise 343 as edk2 sends it) and user
/// class (15, iPXE's).
/// </summary>
internal static class ExplainSolicit
{
    /// <summary>The enterprise number edk2 and iPXE put in the vendor class option: Intel (343).</summary>
    private const uint IntelEnterprise = 343;

    private const uint TransactionId = 0x504b54; // "PKT"

    private const uint Iaid = 0x50584b54; // "PXKT"

    public static byte[]? Build(ExplainRequest described, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(described);
        ArgumentNullException.ThrowIfNull(errors);
        if (!MacAddress.TryParse(described.Mac, out var mac))
        {
            errors.Add($"--mac '{described.Mac}' is not a MAC address (like 52:54:00:12:34:56)");
        }

        IReadOnlyList<ClientArchitecture> architectures = [];
        if (described.Arch is { } arch && !ArchitectureNames.TryParse(arch, out architectures))
        {
            errors.Add($"--arch '{arch}' is neither a number nor one of {string.Join(", ", ArchitectureNames.Known)}");
        }

        foreach (var (given, option) in new[] { (described.Relay, "--relay"), (described.CircuitId, "--circuit-id"), (described.RemoteId, "--remote-id"), (described.Uuid, "--uuid"), (described.HostName, "--hostname") })
        {
            if (given is not null)
            {
                errors.Add($"{option} describes a DHCPv4 client; --ipv6 explains a DHCPv6 Solicit, which has no such option here");
            }
        }

        if (errors.Count > 0)
        {
            return null;
        }

        var architecture = architectures.Count > 0 ? architectures[0] : ClientArchitecture.EfiX64;
        var buffer = new byte[512];
        var writer = new Dhcp6MessageWriter(buffer, Dhcp6MessageType.Solicit, TransactionId);
        writer.WriteClientId(Dhcp6Duid.LinkLayer(mac));
        writer.WriteUInt16(Dhcp6OptionCode.ElapsedTime, 0);
        writer.WriteIaNa(Iaid, 0, 0, null, 0, 0);
        Span<byte> requested = stackalloc byte[6];
        BinaryPrimitives.WriteUInt16BigEndian(requested, (ushort)Dhcp6OptionCode.BootFileUrl);
        BinaryPrimitives.WriteUInt16BigEndian(requested[2..], (ushort)Dhcp6OptionCode.BootFileParameters);
        BinaryPrimitives.WriteUInt16BigEndian(requested[4..], (ushort)Dhcp6OptionCode.DnsServers);
        writer.Write(Dhcp6OptionCode.OptionRequest, requested);
        writer.WriteUInt16(Dhcp6OptionCode.ClientArchitectureType, (ushort)architecture);
        var vendor = Encoding.ASCII.GetBytes(described.VendorClass ?? PxeClientRequest.VendorClass(architecture));
        var mark = writer.BeginOption(Dhcp6OptionCode.VendorClass);
        writer.WriteRawUInt32(IntelEnterprise);
        WriteOpaque(ref writer, vendor);
        writer.EndOption(mark);
        if (described.UserClass is { } userClass)
        {
            var user = writer.BeginOption(Dhcp6OptionCode.UserClass);
            WriteOpaque(ref writer, Encoding.ASCII.GetBytes(userClass));
            writer.EndOption(user);
        }

        return writer.Written.ToArray();
    }

    /// <summary>One item of an opaque list (RFC 8415 sections 21.15, 21.16): a two-byte length, then the bytes.</summary>
    private static void WriteOpaque(ref Dhcp6MessageWriter writer, ReadOnlySpan<byte> item)
    {
        Span<byte> length = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(length, (ushort)item.Length);
        writer.WriteRaw(length);
        writer.WriteRaw(item);
    }
}
