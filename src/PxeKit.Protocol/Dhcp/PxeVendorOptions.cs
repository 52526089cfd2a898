namespace PxeKit.Protocol.Dhcp;

/// <summary>Reads and writes the PXE sub-options carried in option 43.</summary>
public static class PxeVendorOptions
{
    /// <summary>Discovery control bit 3: use the boot file in this reply, no discovery (PXE 2.1, 2.4.2).</summary>
    public const byte DiscoveryUseBootFile = 0x08;

    /// <summary>Option 43 telling a PXE ROM to boot the file named in the reply without discovery.</summary>
    public static byte[] SkipDiscovery() =>
        [(byte)PxeVendorOption.DiscoveryControl, 1, DiscoveryUseBootFile, (byte)PxeVendorOption.End];

    /// <summary>
    /// Splits option 43 into sub-options. Returns false, with what was read so far, if a
    /// sub-option runs past the end (the whole option is then not PXE-shaped).
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> data, out IReadOnlyList<(byte Code, byte[] Value)> subOptions)
    {
        var list = new List<(byte, byte[])>();
        subOptions = list;
        int position = 0;
        while (position < data.Length)
        {
            byte code = data[position];
            if (code == (byte)PxeVendorOption.End)
            {
                return true;
            }

            if (code == 0)
            {
                position++;
                continue;
            }

            if (position + 1 >= data.Length || position + 2 + data[position + 1] > data.Length)
            {
                return false;
            }

            list.Add((code, data.Slice(position + 2, data[position + 1]).ToArray()));
            position += 2 + data[position + 1];
        }

        return true;
    }
}
