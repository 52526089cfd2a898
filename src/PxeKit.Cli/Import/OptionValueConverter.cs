using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

using PxeKit.Protocol.Dhcp;

namespace PxeKit.Cli.Import;

/// <summary>Turns a dnsmasq option value into a typed <c>options:</c> entry, by the option's type (<see cref="DhcpOptionCatalog"/>).</summary>
public static partial class OptionValueConverter
{
    public static bool TryConvert(byte code, IReadOnlyList<DnsmasqField> values, bool force, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ImportedOption? option, out string why)
    {
        ArgumentNullException.ThrowIfNull(values);
        option = null;
        why = "";
        var type = DhcpOptionCatalog.TypeOf(code);
        var texts = values.Select(v => v.Text).ToList();
        List<string> converted = type switch
        {
            DhcpOptionType.Bool => [.. texts.Select(t => t switch { "1" => "true", "0" => "false", _ => t })],
            // dnsmasq sends a text option's whole value, commas included.
            DhcpOptionType.String => [string.Join(",", texts)],
            DhcpOptionType.Domains => [.. texts.Select(t => t.TrimEnd('.'))],
            DhcpOptionType.Hex => [Hex(values)],
            _ => texts,
        };

        // Checked by the encoder serve uses: what is written here loads.
        if (DhcpOptionEncoding.Encode(type, converted, out var error) is null)
        {
            why = $"option {code} is of type {DhcpOptionEncoding.Name(type)}: {error}";
            return false;
        }

        if (type is DhcpOptionType.Address or DhcpOptionType.Addresses && converted.Contains("0.0.0.0"))
        {
            why = "0.0.0.0 stands for dnsmasq's own address: write PxeKit's address (the interface's) instead";
            return false;
        }

        option = new ImportedOption(code, type, converted, force);
        return true;
    }

    private static IPAddress? Ipv4(DnsmasqField field) =>
        !field.Quoted && field.Text.Count(c => c == '.') == 3 && IPAddress.TryParse(field.Text, out var a) && a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? a : null;

    /// <summary>
    /// The bytes dnsmasq sends for an option it knows no type of, field by field: an IPv4 address as its four bytes,
    /// hex pairs with colons as those bytes, a number in the fewest of 1, 2 or 4 bytes, anything else (or quoted) as text.
    /// </summary>
    private static string Hex(IReadOnlyList<DnsmasqField> values)
    {
        var bytes = new List<byte>();
        foreach (var field in values)
        {
            if (Ipv4(field) is { } address)
            {
                bytes.AddRange(address.GetAddressBytes());
            }
            else if (!field.Quoted && HexPattern().IsMatch(field.Text))
            {
                bytes.AddRange(field.Text.Split(':').Select(p => byte.Parse(p, NumberStyles.HexNumber, CultureInfo.InvariantCulture)));
            }
            else if (!field.Quoted && uint.TryParse(field.Text, NumberStyles.None, CultureInfo.InvariantCulture, out uint number))
            {
                int width = number <= byte.MaxValue ? 1 : number <= ushort.MaxValue ? 2 : 4;
                for (int shift = (width - 1) * 8; shift >= 0; shift -= 8)
                {
                    bytes.Add((byte)(number >> shift));
                }
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(field.Text));
            }
        }

        return string.Join(":", bytes.Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
    }

    [GeneratedRegex("^[0-9A-Fa-f]{1,2}(:[0-9A-Fa-f]{1,2})+$")]
    private static partial Regex HexPattern();
}
