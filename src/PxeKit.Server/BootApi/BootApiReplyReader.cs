using System.Text;
using System.Text.Json;

namespace PxeKit.Server.BootApi;

/// <summary>
/// Reads a 200 answer's body into what the machine boots. Never throws on a bad body: it returns what is wrong with it,
/// since every value ends up in an iPXE script, where a line break would be a command of its own.
/// </summary>
public static class BootApiReplyReader
{
    /// <summary>
    /// Reads pixiecore's reply format: <c>kernel</c> (required), <c>initrd</c>, <c>cmdline</c> as a string or an object,
    /// <c>message</c>. A URL may be absolute (http or https only: PxeKit does not serve <c>file://</c>) or a path, resolved
    /// against <paramref name="api"/> (<c>/k</c> with the API at <c>http://p:8080/x</c> is <c>http://p:8080/k</c>).
    /// </summary>
    /// <returns>Null when <paramref name="kernel"/> is set; else what is wrong with the body.</returns>
    public static string? TryRead(ReadOnlySpan<byte> body, Uri api, out BootApiKernel? kernel)
    {
        ArgumentNullException.ThrowIfNull(api);
        kernel = null;
        BootApiReply? reply;
        try
        {
            reply = JsonSerializer.Deserialize(body, BootApiJsonContext.Default.BootApiReply);
        }
        catch (JsonException exception)
        {
            return $"not the reply's JSON: {exception.Message}";
        }

        if (reply is null)
        {
            return "the reply is JSON null";
        }

        if (string.IsNullOrWhiteSpace(reply.Kernel))
        {
            return "no kernel: the reply must name one";
        }

        if (Url(reply.Kernel, api, "kernel", out var kernelUrl) is { } wrongKernel)
        {
            return wrongKernel;
        }

        var initrds = new List<Uri>();
        foreach (var (text, index) in (reply.Initrd ?? []).Select((t, i) => (t, i)))
        {
            if (Url(text, api, $"initrd[{index}]", out var initrd) is { } wrongInitrd)
            {
                return wrongInitrd;
            }

            initrds.Add(initrd!);
        }

        if (CommandLine(reply.Cmdline, api, out var commandLine) is { } wrongCommandLine)
        {
            return wrongCommandLine;
        }

        kernel = new BootApiKernel(kernelUrl!, initrds, commandLine!, Message(reply.Message));
        return null;
    }

    private static string? Url(string? text, Uri api, string what, out Uri? url)
    {
        url = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return $"{what} is empty";
        }

        if (text.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
        {
            return $"{what} has a space or a control character";
        }

        if (!Uri.TryCreate(api, text, out var resolved) || (resolved.Scheme != Uri.UriSchemeHttp && resolved.Scheme != Uri.UriSchemeHttps))
        {
            return $"{what} '{text}' is not an http or https URL, nor a path on the boot API's server";
        }

        url = resolved;
        return null;
    }

    /// <summary>The command line: a string as it is; an object's keys in order, <c>k=v</c>, <c>k</c> for true, none for false.</summary>
    private static string? CommandLine(JsonElement? cmdline, Uri api, out string? text)
    {
        text = null;
        var line = new StringBuilder();
        switch (cmdline)
        {
            case null or { ValueKind: JsonValueKind.Null }:
                break;
            case { ValueKind: JsonValueKind.String } value:
                line.Append(value.GetString());
                break;
            case { ValueKind: JsonValueKind.Object } value:
                foreach (var property in value.EnumerateObject())
                {
                    var problem = Argument(property, api, out var argument);
                    if (problem is not null)
                    {
                        return problem;
                    }

                    if (argument is not null)
                    {
                        line.Append(line.Length > 0 ? " " : "").Append(argument);
                    }
                }

                break;
            default:
                return $"cmdline is a {cmdline.Value.ValueKind}: a string or an object is expected";
        }

        if (line.ToString().Any(char.IsControl))
        {
            return "cmdline has a control character (a line break, a tab, ...)";
        }

        if (HasScriptOperator(line.ToString()))
        {
            return "cmdline has a word '&&' or '||', which iPXE would run as a command of its own";
        }

        text = line.ToString().Trim();
        return null;
    }

    private static string? Argument(JsonProperty property, Uri api, out string? argument)
    {
        argument = null;
        if (property.Name.Length == 0 || property.Name.Any(c => char.IsWhiteSpace(c) || c == '='))
        {
            return $"cmdline key '{property.Name}' is empty or has a space or '='";
        }

        switch (property.Value.ValueKind)
        {
            case JsonValueKind.String:
                argument = $"{property.Name}={property.Value.GetString()}";
                return null;
            case JsonValueKind.True:
                argument = property.Name;
                return null;
            case JsonValueKind.False:
                return null;
            case JsonValueKind.Object when property.Value.TryGetProperty("url", out var url) && url.ValueKind == JsonValueKind.String:
                // pixiecore proxies such a URL through itself; PxeKit hands it to the kernel as it is, resolved like the kernel's.
                var problem = Url(url.GetString(), api, $"cmdline.{property.Name}.url", out var resolved);
                argument = problem is null ? $"{property.Name}={resolved!.AbsoluteUri}" : null;
                return problem;
            default:
                return $"cmdline.{property.Name} is a {property.Value.ValueKind}: a string, true, false or {{\"url\": URL}} is expected";
        }
    }

    /// <summary>The message as one line of words: a control character becomes a space, iPXE's <c>&amp;&amp;</c> and <c>||</c> go.</summary>
    private static string? Message(string? message)
    {
        if (string.IsNullOrWhiteSpace(message))
        {
            return null;
        }

        var words = new string([.. message.Select(c => char.IsControl(c) ? ' ' : c)])
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w is not ("&&" or "||"));
        var line = string.Join(' ', words);
        return line.Length == 0 ? null : line.Length > 200 ? line[..200] : line;
    }

    /// <summary>Whether a word of <paramref name="line"/> is one of iPXE's script operators, which split a line into two commands.</summary>
    private static bool HasScriptOperator(string line) =>
        line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(w => w is "&&" or "||");
}
