using PxeKit.Protocol.Dhcp;
using PxeKit.Server.Boot;

namespace PxeKit.Server.Tests.Boot;

/// <summary>Clients as the firmware in the lab presents itself.</summary>
internal static class BootClients
{
    public static BootClient Bios(string mac = "52:54:00:00:00:01") => Make(mac, ClientArchitecture.IntelX86Pc, "PXEClient:Arch:00000:UNDI:002001");

    public static BootClient BiosIpxe(string mac = "52:54:00:00:00:01") => Bios(mac) with { IsIpxe = true, UserClasses = ["iPXE"] };

    public static BootClient UefiX64(string mac = "52:54:00:00:00:02", ClientArchitecture arch = ClientArchitecture.EfiBc) =>
        Make(mac, arch, "PXEClient:Arch:00007:UNDI:003000");

    public static BootClient UefiX64Ipxe(string mac = "52:54:00:00:00:02") => UefiX64(mac) with { IsIpxe = true, UserClasses = ["iPXE"] };

    public static BootClient UefiHttp(string mac = "52:54:00:00:00:03") =>
        Make(mac, ClientArchitecture.EfiX64Http, "HTTPClient:Arch:00016:UNDI:003001") with { IsHttpClient = true };

    public static BootClient Arm64(string mac = "52:54:00:00:00:04") => Make(mac, ClientArchitecture.EfiArm64, "PXEClient:Arch:00011:UNDI:003000");

    private static BootClient Make(string mac, ClientArchitecture arch, string vendor) => new()
    {
        Mac = mac,
        Architecture = arch,
        Firmware = BootClient.Classify(arch),
        VendorClass = vendor,
    };
}
