using System.Buffers.Binary;

namespace PxeKit.Protocol.Dhcp6;

/// <summary>
/// The length rules of each option PxeKit reads, checked once at parse time so that every accessor of
/// <see cref="Dhcp6MessageView"/> can read without further checks. Options PxeKit does not read need only fit.
/// </summary>
internal static class Dhcp6OptionRules
{
    /// <summary>
    /// Checks a level of options: each fits, and each known one has the shape its RFC gives it. IA_NA is read
    /// only among the message's options and IAaddr only inside an IA_NA (RFC 8415 section 21.4 and 21.6);
    /// elsewhere they are opaque, which also bounds the nesting a hostile message can make us walk.
    /// </summary>
    public static Dhcp6ParseError Validate(ReadOnlySpan<byte> area, Dhcp6OptionLevel level = Dhcp6OptionLevel.Message)
    {
        if (!Dhcp6OptionEnumerator.Fits(area))
        {
            return Dhcp6ParseError.BadOptionLength;
        }

        foreach (var option in new Dhcp6OptionEnumerator(area))
        {
            var error = Check((Dhcp6OptionCode)option.Code, option.Data, level);
            if (error != Dhcp6ParseError.None)
            {
                return error;
            }
        }

        return Dhcp6ParseError.None;
    }

    private static Dhcp6ParseError Check(Dhcp6OptionCode code, ReadOnlySpan<byte> value, Dhcp6OptionLevel level) => code switch
    {
        Dhcp6OptionCode.StatusCode => value.Length >= 2 ? Dhcp6ParseError.None : Dhcp6ParseError.BadFixedLength,
        _ when level == Dhcp6OptionLevel.IaAddress => Dhcp6ParseError.None,
        Dhcp6OptionCode.IaAddress when level == Dhcp6OptionLevel.IaNa => value.Length < Dhcp6Constants.IaAddressHeaderLength
            ? Dhcp6ParseError.BadIdentityAssociation
            : Validate(value[Dhcp6Constants.IaAddressHeaderLength..], Dhcp6OptionLevel.IaAddress),
        _ when level == Dhcp6OptionLevel.IaNa => Dhcp6ParseError.None,
        Dhcp6OptionCode.ClientId or Dhcp6OptionCode.ServerId =>
            value.Length is >= Dhcp6Constants.MinimumDuidLength and <= Dhcp6Constants.MaximumDuidLength ? Dhcp6ParseError.None : Dhcp6ParseError.BadDuid,
        Dhcp6OptionCode.IaNa => value.Length < Dhcp6Constants.IaNaHeaderLength
            ? Dhcp6ParseError.BadIdentityAssociation
            : Validate(value[Dhcp6Constants.IaNaHeaderLength..], Dhcp6OptionLevel.IaNa),
        Dhcp6OptionCode.OptionRequest or Dhcp6OptionCode.ClientArchitectureType =>
            value.Length % 2 == 0 ? Dhcp6ParseError.None : Dhcp6ParseError.BadListLength,
        Dhcp6OptionCode.DnsServers =>
            value.Length % Dhcp6Constants.AddressLength == 0 ? Dhcp6ParseError.None : Dhcp6ParseError.BadListLength,
        Dhcp6OptionCode.ElapsedTime => value.Length == 2 ? Dhcp6ParseError.None : Dhcp6ParseError.BadFixedLength,
        Dhcp6OptionCode.NetworkInterfaceId =>
            value.Length == Dhcp6Constants.NetworkInterfaceIdLength ? Dhcp6ParseError.None : Dhcp6ParseError.BadFixedLength,
        Dhcp6OptionCode.UserClass or Dhcp6OptionCode.BootFileParameters =>
            Dhcp6OpaqueList.IsWellFormed(value) ? Dhcp6ParseError.None : Dhcp6ParseError.BadOpaqueList,
        Dhcp6OptionCode.VendorClass => value.Length >= Dhcp6Constants.VendorClassHeaderLength
            && Dhcp6OpaqueList.IsWellFormed(value[Dhcp6Constants.VendorClassHeaderLength..])
                ? Dhcp6ParseError.None
                : Dhcp6ParseError.BadOpaqueList,
        _ => Dhcp6ParseError.None,
    };

    /// <summary>Reads a status code option's code, for callers that checked its length.</summary>
    public static Dhcp6StatusCode StatusOf(ReadOnlySpan<byte> value) => (Dhcp6StatusCode)BinaryPrimitives.ReadUInt16BigEndian(value);
}
