namespace PxeKit.Protocol.Dhcp;

/// <summary>The <c>op</c> field (RFC 951, RFC 2131 section 2).</summary>
public enum DhcpOpCode : byte
{
    BootRequest = 1,
    BootReply = 2,
}
