using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace PxeKit.Cli.Config;

/// <summary>Reads <c>pxekit.yaml</c>. Unknown keys and YAML errors are reported with their line, not thrown.</summary>
public static class ConfigFile
{
    public static PxeKitConfig? Load(string path, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (!File.Exists(path))
        {
            errors.Add($"the configuration file {path} does not exist");
            return null;
        }

        var deserializer = new DeserializerBuilder()
            .WithNamingConvention(HyphenatedNamingConvention.Instance)
            .Build();
        try
        {
            using var reader = File.OpenText(path);
            return deserializer.Deserialize<PxeKitConfig?>(reader) ?? new PxeKitConfig();
        }
        catch (YamlException e)
        {
            var inner = e.InnerException?.Message ?? e.Message;
            errors.Add($"{path}, line {e.Start.Line}, column {e.Start.Column}: {Simplify(inner)}");
            return null;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException or OverflowException)
        {
            // YamlDotNet throws these outside YamlException on some broken input: ArgumentException
            // for a tag that is not a URI ("!!t]p"), InvalidOperationException "The scanner should
            // contain no more tokens". Found by fuzzing; each used to end serve with an unhandled exception.
            errors.Add($"{path}: not valid YAML: {e.Message}");
            return null;
        }
    }

    private static string Simplify(string message)
    {
        // YamlDotNet says "Property 'x' not found on type 'PxeKit.Cli.Config.DhcpSection'."
        const string marker = "not found on type";
        int at = message.IndexOf(marker, StringComparison.Ordinal);
        if (message.StartsWith("Property '", StringComparison.Ordinal) && at > 0)
        {
            var key = message["Property '".Length..message.IndexOf('\'', "Property '".Length)];
            return $"unknown key '{key}'";
        }

        return message;
    }
}
