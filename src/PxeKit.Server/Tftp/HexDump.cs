namespace PxeKit.Server.Tftp;

/// <summary>A short hex rendering of the start of a datagram, for drop logs.</summary>
internal static class HexDump
{
    public const int MaxBytes = 32;

    public static string Of(ReadOnlySpan<byte> bytes)
    {
        var shown = bytes[..Math.Min(bytes.Length, MaxBytes)];
        var hex = Convert.ToHexString(shown);
        return bytes.Length > MaxBytes ? hex + "..." : hex;
    }
}
