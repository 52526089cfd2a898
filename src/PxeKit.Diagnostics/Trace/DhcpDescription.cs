using System.Globalization;
using System.Text;
using PxeKit.Protocol.Dhcp;

namespace PxeKit.Diagnostics.Trace;

/// <summary>The one-line description of a DHCP message in a trace timeline.</summary>
internal static class DhcpDescription
{
    public static string Describe(DhcpSighting s, string? requested, string destination)
    {
        var text = new StringBuilder();
        text.Append(s.Type.ToString().ToUpperInvariant());
        if (s.IsReply)
        {
            text.Append(s.YourAddress is { } given ? $" {given}" : " (no address: proxyDHCP)");
            text.Append(CultureInfo.InvariantCulture, $" from {s.Server}");
            if (s.SourcePort == 4011)
            {
                text.Append(" (boot server, port 4011)");
            }

            if (s.Type is DhcpMessageType.Offer or DhcpMessageType.Ack)
            {
                text.Append(", ").Append(BootInfo(s));
            }
        }
        else
        {
            text.Append(CultureInfo.InvariantCulture, $" xid 0x{s.TransactionId:x8}");
            if (s.DestinationPort == 4011)
            {
                text.Append(CultureInfo.InvariantCulture, $" to the boot server {destination}:4011");
            }
            else if (s.Type == DhcpMessageType.Request && requested is not null)
            {
                text.Append(CultureInfo.InvariantCulture, $" for {requested}");
            }

            if (s.Type == DhcpMessageType.Request && s.Server is { } chosen)
            {
                text.Append(CultureInfo.InvariantCulture, $", taking the offer of {chosen}");
            }

            if (s.VendorClass is { } vendor)
            {
                text.Append(CultureInfo.InvariantCulture, $", {vendor}");
            }

            if (s.IsIpxe)
            {
                text.Append(", iPXE");
            }
        }

        if (s.RelayAddress is { } relay)
        {
            text.Append(CultureInfo.InvariantCulture, $", via relay {relay}");
        }

        return text.ToString();
    }

    private static string BootInfo(DhcpSighting s)
    {
        if (!string.IsNullOrEmpty(s.BootFile))
        {
            return s.NextServer is { } next ? $"boot file {s.BootFile} on {next}" : $"boot file {s.BootFile}";
        }

        if (s.HasPxeOptions)
        {
            return "PXE options (option 43), no boot file";
        }

        return s.ServerName is { } name ? $"boot server {name}, no boot file" : "no boot information";
    }
}
