using PxeKit.Protocol.Dhcp;

namespace PxeKit.Server.Boot;

/// <summary>
/// Raspberry Pi network boot. The Pi's boot ROM sends vendor class PXEClient with architecture 0 like
/// a BIOS PC, so it is told apart by the MAC prefixes the Raspberry Pi companies own, and it boots
/// only from a reply whose option 43 carries a PXE menu entry "Raspberry Pi Boot". It then fetches its
/// files over TFTP under a directory named by its serial number (e.g. <c>1234abcd/start4.elf</c>),
/// which the TFTP root serves as ordinary subdirectories. No emulator boots a Pi here: the tests
/// use crafted requests.
/// </summary>
public static class RaspberryPi
{
    /// <summary>OUIs of Raspberry Pi Foundation and Raspberry Pi Trading / Ltd.</summary>
    public static IReadOnlyList<string> MacPrefixes { get; } = ["b8:27:eb", "dc:a6:32", "e4:5f:01", "28:cd:c1", "d8:3a:dd", "2c:cf:67"];

    public const string MenuText = "Raspberry Pi Boot";

    public static bool Is(string mac)
    {
        ArgumentNullException.ThrowIfNull(mac);
        var prefixes = MacPrefixes;
        for (int i = 0; i < prefixes.Count; i++) // a loop: a lambda over mac would be a closure for every PXE request
        {
            if (mac.StartsWith(prefixes[i], StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Option 43 for a Pi: discovery control 3 (no broadcast or multicast discovery), a menu prompt
    /// with timeout 0, and one menu entry of type 0 named "Raspberry Pi Boot" (PXE 2.1, table 2-1).
    /// </summary>
    public static byte[] VendorOptions()
    {
        var text = System.Text.Encoding.ASCII.GetBytes(MenuText);
        return
        [
            (byte)PxeVendorOption.DiscoveryControl, 1, 0x03,
            (byte)PxeVendorOption.MenuPrompt, 4, 0x00, (byte)'P', (byte)'X', (byte)'E',
            (byte)PxeVendorOption.BootMenu, (byte)(3 + text.Length), 0x00, 0x00, (byte)text.Length, .. text,
            (byte)PxeVendorOption.End,
        ];
    }
}
