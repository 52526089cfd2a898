using System.Globalization;
using PxeKit.Core.Events;

namespace PxeKit.Diagnostics.Verdicts;

/// <summary>What a captured event shows, in words for a verdict, from its typed fields.</summary>
internal static class WireEvidence
{
    public static string Describe(BootEvent seen)
    {
        ArgumentNullException.ThrowIfNull(seen);
        if (seen.Dhcp is { } dhcp)
        {
            var to = dhcp.Destination is { } destination ? $" to {destination}" + (dhcp.Port is { } port ? string.Create(CultureInfo.InvariantCulture, $":{port}") : "") : "";
            var relay = dhcp.RelayAddress is { } giaddr ? $" relayed by {giaddr}" : "";
            return string.Create(CultureInfo.InvariantCulture, $"a {dhcp.MessageType} from {seen.Mac} (xid 0x{dhcp.Xid:x8}){relay}{to}");
        }

        if (seen.Dhcp6 is { } dhcp6)
        {
            return string.Create(CultureInfo.InvariantCulture, $"a DHCPv6 {dhcp6.MessageType} from {seen.Mac} (transaction 0x{dhcp6.TransactionId:x6}) to UDP 547");
        }

        return seen.File is { } file ? $"a TFTP read request for {file} from {seen.Address}" : $"a {seen.Step} from {seen.Mac ?? seen.Address}";
    }
}
