namespace PxeKit.Host.Management;

/// <summary>A file the build embeds in this assembly (the dashboard's, the OpenAPI document), read whole.</summary>
internal static class EmbeddedFile
{
    /// <summary>The bytes of the manifest resource <paramref name="resource"/>; throws when the build lost it.</summary>
    public static byte[] Read(string resource)
    {
        var assembly = typeof(EmbeddedFile).Assembly;
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"{resource} is not embedded in {assembly.GetName().Name}: the build lost it.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
