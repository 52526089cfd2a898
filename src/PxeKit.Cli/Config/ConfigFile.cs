using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

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

        try
        {
            var yaml = new YamlStream();
            using (var reader = File.OpenText(path))
            {
                yaml.Load(reader);
            }

            if (yaml.Documents.Count > 1)
            {
                var second = yaml.Documents[1].RootNode;
                throw new YamlException(second.Start, second.End, "the file holds more than one YAML document");
            }

            return yaml.Documents.Count == 0 ? new PxeKitConfig() : ConfigReader.Read(yaml.Documents[0].RootNode);
        }
        catch (YamlException e)
        {
            errors.Add($"{path}, line {e.Start.Line}, column {e.Start.Column}: {e.Message}");
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
}
