using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PxeKit.Cli.Config;

/// <summary>
/// Turns YAML nodes into the plain values the configuration sections hold. A node of the wrong shape
/// is a <see cref="YamlException"/> at that node, so the caller reports it with its line and column.
/// Read by hand rather than by YamlDotNet's reflection deserializer, which a Native AOT build cannot run.
/// </summary>
internal static class YamlValues
{
    /// <summary>As YAML's core schema (and YamlDotNet) has it: an empty plain value, <c>~</c> or <c>null</c>.</summary>
    public static bool IsNull(YamlNode node) => node is YamlScalarNode scalar
        && ((scalar.Tag.IsGlobal && scalar.Tag.Value == "tag:yaml.org,2002:null")
            || (scalar.Style == ScalarStyle.Plain && scalar.Value is "" or "~" or "null" or "Null" or "NULL"));

    public static string? Text(YamlNode node) => IsNull(node)
        ? null
        : node is YamlScalarNode scalar ? scalar.Value ?? "" : throw Wrong(node, "a single value");

    /// <summary>YAML 1.1's words, as YamlDotNet accepted them: true, yes, y, on and false, no, n, off.</summary>
    public static bool? Flag(YamlNode node) => Text(node)?.ToUpperInvariant() switch
    {
        null => null,
        "TRUE" or "YES" or "Y" or "ON" => true,
        "FALSE" or "NO" or "N" or "OFF" => false,
        _ => throw Wrong(node, "true or false"),
    };

    public static int? WholeNumber(YamlNode node) => Text(node) switch
    {
        null => null,
        var text when int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) => value,
        _ => throw Wrong(node, "a whole number"),
    };

    public static double? Number(YamlNode node) => Text(node) switch
    {
        null => null,
        var text when double.TryParse(text, NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var value) => value,
        _ => throw Wrong(node, "a number"),
    };

    /// <summary>A list of values; an empty item stays null, as YamlDotNet's deserializer left it.</summary>
    public static List<string>? Texts(YamlNode node) => List(node, item => Text(item)!);

    /// <summary>A sequence, each item read by <paramref name="item"/>; null for an empty value.</summary>
    public static List<T>? List<T>(YamlNode node, Func<YamlNode, T> item) => IsNull(node)
        ? null
        : node is YamlSequenceNode sequence ? sequence.Children.Select(item).ToList() : throw Wrong(node, "a list");

    /// <summary>A mapping whose keys are read as text, for <paramref name="read"/> to give its section; null for an empty value.</summary>
    public static T? Section<T>(YamlNode node, Func<IEnumerable<(YamlScalarNode Key, YamlNode Value)>, T> read)
        where T : class => IsNull(node)
        ? null
        : node is YamlMappingNode mapping ? read(Entries(mapping)) : throw Wrong(node, "a mapping of keys to values");

    /// <summary>The error for a key no section has, worded as before the loader was written by hand.</summary>
    public static YamlException UnknownKey(YamlScalarNode key) => new(key.Start, key.End, $"unknown key '{key.Value}'");

    private static IEnumerable<(YamlScalarNode Key, YamlNode Value)> Entries(YamlMappingNode mapping)
    {
        foreach (var (key, value) in mapping.Children)
        {
            yield return (key as YamlScalarNode ?? throw new YamlException(key.Start, key.End, "a key must be a plain name"), value);
        }
    }

    private static YamlException Wrong(YamlNode node, string expected) => new(
        node.Start, node.End, node is YamlScalarNode scalar ? $"'{scalar.Value}' is not {expected}" : $"expected {expected} here");
}
