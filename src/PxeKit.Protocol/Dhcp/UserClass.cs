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

        if (!IsItemList(data))
        {
            return [Encoding.Latin1.GetString(data)];
        }

        var items = new List<string>();
        for (int position = 0; position < data.Length; position += 1 + data[position])
        {
            items.Add(Encoding.Latin1.GetString(data.Slice(position + 1, data[position])));
        }

        return items;
    }

    /// <summary>True when the classes <see cref="Parse"/> reads from <paramref name="data"/> include <paramref name="name"/>; reads them in place.</summary>
    public static bool Contains(ReadOnlySpan<byte> data, ReadOnlySpan<byte> name)
    {
        if (!IsItemList(data))
        {
            return !data.IsEmpty && data.SequenceEqual(name); // one bare name, as Parse takes it
        }

        for (int position = 0; position < data.Length; position += 1 + data[position])
        {
            if (data.Slice(position + 1, data[position]).SequenceEqual(name))
            {
                return true;
            }
        }

        return false;
    }

    // The value walks cleanly as RFC 3004 items: each a length of 1 or more and that many bytes, to the end exactly.
    private static bool IsItemList(ReadOnlySpan<byte> data)
    {
        int position = 0;
        while (position < data.Length)
        {
            int length = data[position];
            if (length == 0 || position + 1 + length > data.Length)
            {
                return false;
            }

            position += 1 + length;
        }

        return true;
    }
}
