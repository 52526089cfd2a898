namespace PxeKit.Protocol.Dhcp;

/// <summary>DHCP option codes PxeKit reads or writes (RFC 2132 unless noted).</summary>
public enum DhcpOptionCode : byte
{
    Pad = 0,
    SubnetMask = 1,
    Router = 3,
    DomainNameServer = 6,
    HostName = 12,
    DomainName = 15,
    BroadcastAddress = 28,
    /// <summary>Vendor-specific information; PXE sub-options for <c>PXEClient</c> (PXE 2.1, RFC 4578 section 2).</summary>
    VendorSpecific = 43,
    RequestedIpAddress = 50,
    LeaseTime = 51,
    /// <summary>The <c>file</c> and/or <c>sname</c> fields carry options (RFC 2132 section 9.3).</summary>
    OptionOverload = 52,
    MessageType = 53,
    ServerIdentifier = 54,
    ParameterRequestList = 55,
    Message = 56,
    MaximumMessageSize = 57,
    RenewalTime = 58,
    RebindingTime = 59,
    /// <summary><c>PXEClient:Arch:00000:UNDI:002001</c>, <c>HTTPClient</c>, <c>udhcp 1.35.0</c>.</summary>
    VendorClassIdentifier = 60,
    ClientIdentifier = 61,
    /// <summary>TFTP server name (RFC 2132 section 9.4).</summary>
    TftpServerName = 66,
    /// <summary>Boot file name (RFC 2132 section 9.5).</summary>
    BootFileName = 67,
    /// <summary>User class (RFC 3004); iPXE sends the bare string <c>iPXE</c>.</summary>
    UserClass = 77,
    /// <summary>Relay agent information (RFC 3046); written last, before End.</summary>
    RelayAgentInformation = 82,
    /// <summary>Client system architecture list (RFC 4578 section 2.1).</summary>
    ClientSystemArchitecture = 93,
    /// <summary>Client network device interface: type, major, minor (RFC 4578 section 2.2).</summary>
    ClientNetworkInterface = 94,
    /// <summary>Client machine identifier, a type byte and a GUID (RFC 4578 section 2.3).</summary>
    ClientMachineIdentifier = 97,
    /// <summary>iPXE's encapsulated options (iPXE, site-specific range of RFC 3942).</summary>
    IpxeEncapsulated = 175,
    End = 255,
}
