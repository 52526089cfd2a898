using System.Collections.Frozen;

namespace PxeKit.Core.Metrics;

/// <summary>
/// An enum's value as a label, from names made once: <c>ToString</c> boxes the value on every call, and every DHCP event
/// counts one or two labels.
/// </summary>
internal static class EnumLabel<T>
    where T : struct, Enum
{
    private static readonly FrozenDictionary<T, string> Names = Enum.GetValues<T>().Distinct().ToFrozenDictionary(v => v, v => v.ToString());

    /// <summary>The value's name; a value the enum does not define is its number, as <c>ToString</c> says it.</summary>
    public static string Of(T value) => Names.TryGetValue(value, out var name) ? name : value.ToString();
}
