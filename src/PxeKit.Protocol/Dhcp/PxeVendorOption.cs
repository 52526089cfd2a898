namespace PxeKit.Protocol.Dhcp;

/// <summary>PXE sub-options of option 43 (PXE 2.1 specification, table 2-1).</summary>
public enum PxeVendorOption : byte
{
    MulticastAddress = 1,
    MulticastClientPort = 2,
    MulticastServerPort = 3,
    MulticastTimeout = 4,
    MulticastDelay = 5,
    /// <summary>Bit 3 set: boot straight from the file name in the reply, skip boot server discovery.</summary>
    DiscoveryControl = 6,
    DiscoveryMulticastAddress = 7,
    BootServers = 8,
    BootMenu = 9,
    MenuPrompt = 10,
    MulticastAddressAllocation = 11,
    CredentialTypes = 12,
    BootItem = 71,
    End = 255,
}
