using System.Globalization;

namespace PxeKit.Diagnostics.Firewall;

/// <summary>An inclusive range of ports, 0 to 65535.</summary>
internal readonly record struct PortRange(int First, int Last)
{
    public const int Highest = 65535;

    public static PortRange Single(int port) => new(port, port);

    public bool Overlaps(PortRange other) => First <= other.Last && other.First <= Last;

    public bool Covers(PortRange other) => First <= other.First && other.Last <= Last;

    /// <summary><c>67</c>, or <c>60-70</c> in nft's spelling.</summary>
    public override string ToString() => First == Last
        ? First.ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{First}-{Last}");
}
