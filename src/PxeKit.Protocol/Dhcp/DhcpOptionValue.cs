namespace PxeKit.Protocol.Dhcp;

/// <summary>One logical option: its code and its whole value, already joined if it was split.</summary>
public readonly record struct DhcpOptionValue(DhcpOptionCode Code, byte[] Data);
