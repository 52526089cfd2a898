using System.Text;

namespace PxeKit.Protocol.Dhcp;

/// <summary>Option 77 (RFC 3004 section 4): a list of length-prefixed class names.</summary>
public static class UserClass
{
    /// <summary>
    /// Reads the classes. iPXE (and ISC dhclient's <c>send user-class</c>) puts a bare string in the
    /// option instead of length-prefixed items; a value that does not walk cleanly as RFC 3004 items
    /// is accepted on purpose as one such bare name.
    /// </summary>
    public static IReadOnlyList<string> Parse(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return [];
        }

        var items = new List<string>();
        int position = 0;
        while (position < data.Length)
        {
            int length = data[position];
            if (length == 0 || position + 1 + length > data.Length)
            {
                return [Encoding.Latin1.GetString(data)];
            }

            items.Add(Encoding.Latin1.GetString(data.Slice(position + 1, length)));
            position += 1 + length;
        }

        return items;
    }
}
