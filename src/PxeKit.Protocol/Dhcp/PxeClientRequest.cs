using System.Globalization;

namespace PxeKit.Protocol.Dhcp;

/// <summary>
/// DHCP requests shaped like a PXE or HTTP Boot ROM's (PXE 2.1, RFC 4578, UEFI 2.x HTTP Boot): the vendor class
/// <c>PXEClient:Arch:NNNNN:UNDI:003000</c> (or <c>HTTPClient</c>), options 93, 94 and 97, and a request for the
/// boot options. For tools that play a client: <c>explain</c> and the doctor's probe.
/// </summary>
public static class PxeClientRequest
{
    /// <summary>A broadcast DISCOVER from <paramref name="mac"/> for firmware of architecture <paramref name="architecture"/>.</summary>
    public static DhcpMessage Discover(ReadOnlySpan<byte> mac, ClientArchitecture architecture, uint transactionId)
    {
        var message = new DhcpMessage
        {
            TransactionId = transactionId,
            Flags = DhcpConstants.BroadcastFlag,
            ClientHardwareAddress = mac.ToArray(),
        };
        message.MessageType = DhcpMessageType.Discover;
        var code = (ushort)architecture;
        message.SetOption(DhcpOptionCode.ClientSystemArchitecture, [(byte)(code >> 8), (byte)code]);
        // UNDI 3.0, as edk2 and iPXE report it.
        message.SetOption(DhcpOptionCode.ClientNetworkInterface, [1, 3, 0]);
        // Type 0 and a GUID; made from the MAC so that one probe client always has the same one.
        Span<byte> guid = stackalloc byte[17];
        mac[..Math.Min(mac.Length, 16)].CopyTo(guid[1..]);
        message.SetOption(DhcpOptionCode.ClientMachineIdentifier, guid);
        message.SetString(DhcpOptionCode.VendorClassIdentifier, VendorClass(architecture));
        message.SetOption(DhcpOptionCode.ParameterRequestList, [1, 3, 6, 43, 60, 66, 67, 97, 128, 129, 130]);
        return message;
    }

    /// <summary><c>HTTPClient:Arch:00016:UNDI:003000</c> for HTTP Boot architectures, <c>PXEClient:Arch:...</c> for the rest.</summary>
    public static string VendorClass(ClientArchitecture architecture) =>
        string.Create(CultureInfo.InvariantCulture, $"{(IsHttpBoot(architecture) ? "HTTPClient" : "PXEClient")}:Arch:{(ushort)architecture:D5}:UNDI:003000");

    /// <summary>The RFC 5970 / IANA architecture types of UEFI (and BIOS) HTTP Boot.</summary>
    public static bool IsHttpBoot(ClientArchitecture architecture) => architecture is ClientArchitecture.EfiX64Http
        or ClientArchitecture.EfiArm64Http or ClientArchitecture.EfiX86Http or ClientArchitecture.EfiArm32Http
        or ClientArchitecture.PcBiosHttp or ClientArchitecture.EfiBcHttp;
}
