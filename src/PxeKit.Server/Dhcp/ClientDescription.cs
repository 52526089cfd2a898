using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using PxeKit.Protocol.Dhcp;

namespace PxeKit.Server.Dhcp;

/// <summary>What a request says about its client, in a few words for the journal.</summary>
public static class ClientDescription
{
    /// <summary>
    /// E.g. <c>arch 0 (IntelX86Pc), vendor "PXEClient:Arch:00000:UNDI:002001", user class "iPXE"</c>, after
    /// <paramref name="prefix"/>. One string is made, whatever the request holds: every DISCOVER is described.
    /// </summary>
    public static string Of(DhcpMessage request, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(prefix);
        var text = new DefaultInterpolatedStringHandler(0, 0, CultureInfo.InvariantCulture, stackalloc char[256]);
        text.AppendLiteral(prefix);
        bool any = false;
        if (request.Architecture is { } arch)
        {
            Part(ref text, ref any, "arch ");
            text.AppendFormatted((ushort)arch);
            text.AppendLiteral(" (");
            text.AppendFormatted(arch);
            text.AppendLiteral(")");
        }

        if (request.GetOption(DhcpOptionCode.VendorClassIdentifier) is { } vendor)
        {
            Part(ref text, ref any, "vendor \"");
            AppendLatin1(ref text, vendor.AsSpan().TrimEnd((byte)0));
            text.AppendLiteral("\"");
        }

        if (request.UserClasses is [_, ..] userClasses)
        {
            Part(ref text, ref any, "user class \"");
            for (int i = 0; i < userClasses.Count; i++)
            {
                text.AppendLiteral(i == 0 ? "" : ",");
                text.AppendLiteral(userClasses[i]);
            }

            text.AppendLiteral("\"");
        }

        if (!request.GatewayAddress.Equals(IPAddress.Any))
        {
            Part(ref text, ref any, "via relay ");
            text.AppendFormatted(request.GatewayAddress);
        }

        if (!any)
        {
            text.AppendLiteral("no vendor or architecture options");
        }

        return text.ToStringAndClear();
    }

    private static void Part(ref DefaultInterpolatedStringHandler text, ref bool any, string start)
    {
        text.AppendLiteral(any ? ", " : "");
        text.AppendLiteral(start);
        any = true;
    }

    // An option's bytes as Latin-1 text, without a string in between (an option is at most 255 bytes once split ones are
    // joined; a longer one goes through a string).
    private static void AppendLatin1(ref DefaultInterpolatedStringHandler text, ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > 1024)
        {
            text.AppendLiteral(Encoding.Latin1.GetString(bytes));
            return;
        }

        Span<char> chars = stackalloc char[bytes.Length];
        Encoding.Latin1.GetChars(bytes, chars);
        text.AppendFormatted(chars);
    }
}
