using System.Net;
using PxeKit.Protocol.Dhcp;

namespace PxeKit.Server.Boot;

/// <summary>What a request says about the machine behind it, as the boot policy needs it.</summary>
public sealed record BootClient
{
    /// <summary>Canonical MAC, <c>52:54:00:12:34:56</c>.</summary>
    public required string Mac { get; init; }

    /// <summary>The first architecture of option 93, if any.</summary>
    public ClientArchitecture? Architecture { get; init; }

    public ClientFirmware Firmware { get; init; }

    /// <summary>Option 60 as sent.</summary>
    public string? VendorClass { get; init; }

    public IReadOnlyList<string> UserClasses { get; init; } = [];

    /// <summary>The request comes from iPXE (user class <c>iPXE</c> or option 175).</summary>
    public bool IsIpxe { get; init; }

    /// <summary>The request comes from UEFI HTTP Boot (vendor class <c>HTTPClient</c>): it wants a URL.</summary>
    public bool IsHttpClient { get; init; }

    /// <summary>The interface the request arrived on; null where none did (<c>pxekit explain</c>).</summary>
    public string? Interface { get; init; }

    /// <summary>
    /// An address on the client's subnet: giaddr when a relay forwarded the request, else the server's own address on
    /// the interface it arrived on (DHCP); the client's own address (HTTP). Null when not known.
    /// </summary>
    public IPAddress? Network { get; init; }

    /// <summary>The machine's UUID (option 97), lower case.</summary>
    public string? Uuid { get; init; }

    /// <summary>The host name the client sent (option 12).</summary>
    public string? HostName { get; init; }

    /// <summary>Option 82's circuit id and remote id, when a relay added them.</summary>
    public RelayAgentInformation? RelayAgent { get; init; }

    /// <summary>
    /// The client of a request that arrived on <paramref name="interfaceName"/>, where the server's address is
    /// <paramref name="server"/>.
    /// </summary>
    public static BootClient From(DhcpMessage request, string interfaceName, IPAddress server)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Read(request, interfaceName, request.GatewayAddress.Equals(IPAddress.Any) ? server : request.GatewayAddress);
    }

    /// <summary>The client of a request known only by its bytes (<c>pxekit explain</c>): no interface, no network.</summary>
    public static BootClient From(DhcpMessage request) => Read(request, interfaceName: null, network: null);

    private static BootClient Read(DhcpMessage request, string? interfaceName, IPAddress? network)
    {
        ArgumentNullException.ThrowIfNull(request);
        var architecture = request.Architecture;
        return new BootClient
        {
            Mac = request.ClientMac,
            Architecture = architecture,
            Firmware = Classify(architecture),
            VendorClass = request.VendorClass,
            UserClasses = request.UserClasses,
            IsIpxe = request.IsIpxe,
            IsHttpClient = request.IsHttpClient,
            Uuid = request.MachineUuid,
            HostName = request.HostName,
            RelayAgent = request.RelayAgent,
            Interface = interfaceName,
            Network = network,
        };
    }

    /// <summary>
    /// Maps option 93 to a firmware family. A PXE request without option 93 is treated as BIOS, as
    /// PXE 2.1 ROMs that predate RFC 4578 are; anything else unknown stays unknown.
    /// </summary>
    public static ClientFirmware Classify(ClientArchitecture? architecture) => architecture switch
    {
        null or ClientArchitecture.IntelX86Pc or ClientArchitecture.PcBiosHttp => ClientFirmware.Bios,
        ClientArchitecture.EfiBc or ClientArchitecture.EfiX64 or ClientArchitecture.EfiX64Http or ClientArchitecture.EfiBcHttp => ClientFirmware.UefiX64,
        ClientArchitecture.EfiIa32 or ClientArchitecture.EfiX86Http => ClientFirmware.UefiIa32,
        ClientArchitecture.EfiArm64 or ClientArchitecture.EfiArm64Http => ClientFirmware.UefiArm64,
        ClientArchitecture.EfiArm32 or ClientArchitecture.EfiArm32Http => ClientFirmware.UefiArm32,
        _ => ClientFirmware.Unknown,
    };
}
