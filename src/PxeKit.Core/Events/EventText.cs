using System.Globalization;
using System.Runtime.CompilerServices;

namespace PxeKit.Core.Events;

/// <summary>
/// The sentence of an event whose source gave none, said from its typed fields when a reader asks for it
/// (<see cref="BootEvent.Detail"/>). A DHCP server meets thousands of DISCOVERs a second in a storm; it records their
/// facts, and the sentence is made only for the events someone reads.
/// </summary>
public static class EventText
{
    /// <summary>The sentence for <paramref name="bootEvent"/>'s step, from its fields; empty for a step that has none.</summary>
    public static string Of(BootEvent bootEvent)
    {
        ArgumentNullException.ThrowIfNull(bootEvent);
        return bootEvent switch
        {
            { Step: BootStep.DhcpDiscover, Dhcp: { } facts } => Client(facts, "discover: "),
            { Step: BootStep.DhcpRequest, Address: { } address } => "request " + address,
            { Step: BootStep.DhcpOffer, Address: { } address } => "offer " + address + Boot(bootEvent.File, bootEvent.Dhcp?.NextServer),
            _ => "",
        };
    }

    /// <summary>
    /// What a request says about its client, after <paramref name="prefix"/>: e.g. <c>arch 0 (IntelX86Pc), vendor
    /// "PXEClient:Arch:00000:UNDI:002001", user class "iPXE"</c>, and the relay that forwarded it.
    /// </summary>
    public static string Client(DhcpFacts facts, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(prefix);
        var text = new DefaultInterpolatedStringHandler(0, 0, CultureInfo.InvariantCulture, stackalloc char[256]);
        text.AppendLiteral(prefix);
        bool any = false;
        if (facts.Architecture is { } arch)
        {
            Part(ref text, ref any, "arch ");
            text.AppendFormatted((ushort)arch);
            text.AppendLiteral(" (");
            text.AppendFormatted(arch);
            text.AppendLiteral(")");
        }

        if (facts.VendorClass is { } vendor)
        {
            Part(ref text, ref any, "vendor \"");
            text.AppendLiteral(vendor);
            text.AppendLiteral("\"");
        }

        if (facts.UserClass is { } userClass)
        {
            Part(ref text, ref any, "user class \"");
            text.AppendLiteral(userClass);
            text.AppendLiteral("\"");
        }

        if (facts.RelayAddress is { } relay)
        {
            Part(ref text, ref any, "via relay ");
            text.AppendLiteral(relay);
        }

        if (!any)
        {
            text.AppendLiteral("no vendor or architecture options");
        }

        return text.ToStringAndClear();
    }

    /// <summary>What a reply says of the boot program, after its address: <c>, boot pxelinux.0 from 10.47.0.1</c>, or <c>, no boot file</c>.</summary>
    /// <param name="nextServer">The reply's <c>siaddr</c>; null for 0.0.0.0.</param>
    public static string Boot(string? file, string? nextServer) =>
        file is null ? ", no boot file" : string.Concat(", boot ", file, " from ", nextServer ?? "0.0.0.0");

    private static void Part(ref DefaultInterpolatedStringHandler text, ref bool any, string start)
    {
        text.AppendLiteral(any ? ", " : "");
        text.AppendLiteral(start);
        any = true;
    }
}
