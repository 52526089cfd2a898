namespace PxeKit.Cli.Import;

/// <summary><c>pxekit import dnsmasq</c>'s pipeline: read the files, parse each setting, map them, write the YAML.</summary>
public static class DnsmasqImport
{
    /// <returns>Null when the configuration could not be read whole (a missing file, a loop); <paramref name="errors"/> says why.</returns>
    public static ImportedConfig? Convert(string path, List<string> errors)
    {
        var lines = DnsmasqReader.Read(path, errors);
        return lines is null ? null : DnsmasqMapper.Map(DnsmasqParser.Parse(lines));
    }
}
