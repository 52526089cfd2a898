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

        return seen.File is { } file ? $"a TFTP read request for {file} from {seen.Address}" : $"a {seen.Step} from {seen.Mac ?? seen.Address}";
    }
}
