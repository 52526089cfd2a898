namespace PxeKit.Protocol.Dhcp6;

/// <summary>Where a list of options stands: the message's own, inside an IA_NA, or inside an IAaddr.</summary>
public enum Dhcp6OptionLevel
{
    Message = 0,
    IaNa = 1,
    IaAddress = 2,
}
