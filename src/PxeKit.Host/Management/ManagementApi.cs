using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using PxeKit.Core.Events;
using PxeKit.Protocol.Dhcp;

namespace PxeKit.Host.Management;

/// <summary>
/// The management API under <c>/api/v1/</c> (docs/api.md): reads of the machines, verdicts, leases, profiles and the
/// running configuration, the explanation of a described client, the live stream of events, and the operator's writes
/// (boot-once marks, reservations, boot-local, a reload). JSON both ways; the listener checks the bearer token before.
/// Routing is by hand over a handful of paths: no framework, nothing reflected.
/// </summary>
public sealed class ManagementApi(IManagedServer server, ClientHistory history, EventFeed feed)
{
    /// <summary>Where every path of the API starts.</summary>
    public const string Prefix = "/api/v1/";

    /// <summary>The largest request body taken (an explain request is a few hundred bytes).</summary>
    public const int MaxBodyBytes = 16 * 1024;

    /// <summary>How often the event stream writes a comment while no event comes, so proxies keep it open.</summary>
    public static readonly TimeSpan KeepAliveEvery = TimeSpan.FromSeconds(15);

    internal static readonly ManagementJsonContext Json = ManagementJsonContext.Default;

    /// <summary>The API described in OpenAPI 3.1 (Management/OpenApi/openapi.json), served as it is.</summary>
    private static readonly Lazy<byte[]> OpenApi = new(() => EmbeddedFile.Read("PxeKit.Host.Management.openapi.json"));

    /// <summary>
    /// Answers the request when its path is the API's (returns true), else leaves it alone (false). Stops a live stream
    /// when <paramref name="stopping"/> is cancelled.
    /// </summary>
    public async Task<bool> TryHandleAsync(HttpContext context, CancellationToken stopping)
    {
        ArgumentNullException.ThrowIfNull(context);
        var path = context.Request.Path.Value ?? "";
        if (!path.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var parts = path[Prefix.Length..].Split('/');
        var method = context.Request.Method;
        var task = (parts, method) switch
        {
            (["status"], "GET") => WriteAsync(context, StatusCodes.Status200OK, server.Status(), Json.StatusReply),
            (["clients"], "GET") => WriteAsync(context, StatusCodes.Status200OK, new ClientList(history.Clients()), Json.ClientList),
            (["clients", var mac], "GET") => ClientAsync(context, mac),
            (["clients", var mac, "boot-once", var profile], "PUT" or "DELETE") => BootOnceAsync(context, mac, profile, used: method == "PUT"),
            (["clients", var mac, "reservation"], "PUT") => ReserveAsync(context, mac),
            (["clients", var mac, "reservation"], "DELETE") => UnreserveAsync(context, mac),
            (["clients", var mac, "boot-local"], "PUT" or "DELETE") => BootLocalAsync(context, mac, on: method == "PUT"),
            (["verdicts"], "GET") => WriteAsync(context, StatusCodes.Status200OK, new VerdictList(history.Verdicts()), Json.VerdictList),
            (["leases"], "GET") => WriteAsync(context, StatusCodes.Status200OK, server.Leases(), Json.LeaseList),
            (["profiles"], "GET") => WriteAsync(context, StatusCodes.Status200OK, Profiles(), Json.ProfileList),
            (["config"], "GET") => WriteAsync(context, StatusCodes.Status200OK, ConfigView.Of(server.Current, server.ServedScopes), Json.ConfigReply),
            (["explain"], "POST") => ExplainAsync(context),
            (["reload"], "POST") => ReloadAsync(context),
            (["events"], "GET") => StreamAsync(context, stopping),
            (["openapi.json"], "GET") => WriteBytesAsync(context, OpenApi.Value),
            (["status" or "clients" or "verdicts" or "leases" or "profiles" or "config" or "events" or "openapi.json"], _) => NotAllowedAsync(context, "GET"),
            (["clients", _], _) => NotAllowedAsync(context, "GET"),
            (["clients", _, "boot-once", _] or ["clients", _, "reservation" or "boot-local"], _) => NotAllowedAsync(context, "PUT, DELETE"),
            (["explain" or "reload"], _) => NotAllowedAsync(context, "POST"),
            _ => WriteAsync(context, StatusCodes.Status404NotFound, new ApiError($"no such API path: {path} (docs/api.md lists them)"), Json.ApiError),
        };
        await task.ConfigureAwait(false);
        return true;
    }

    private Task ClientAsync(HttpContext context, string mac)
    {
        if (MacAddress.Normalize(mac) is not { } canonical)
        {
            return WriteAsync(context, StatusCodes.Status400BadRequest, new ApiError($"'{mac}' is not a MAC address (like 52:54:00:12:34:56)"), Json.ApiError);
        }

        var overrides = server.Machine(canonical) is { } machine ? new ClientOverrides(machine.Address?.ToString(), machine.HostName, machine.BootLocal) : null;
        var detail = history.Client(canonical) ?? (overrides is null ? null : new ClientDetail(canonical, [], []));
        return detail is not null
            ? WriteAsync(context, StatusCodes.Status200OK, detail with { Overrides = overrides }, Json.ClientDetail)
            : WriteAsync(context, StatusCodes.Status404NotFound, new ApiError($"no events of {canonical} are kept: it has not been seen since the server started, or was seen longest ago of {ClientHistory.MaxMachines} machines"), Json.ApiError);
    }

    private ProfileList Profiles()
    {
        var matched = history.MatchedByProfile();
        return new ProfileList([.. server.Current.Profiles.Select(p => new ProfileEntry(
            p.Name,
            p switch
            {
                { Program: { } program } => $"program {program}",
                { Kernel: { } kernel } => $"kernel {kernel}",
                { LocalBoot: true } => "local disk",
                { Menu: not null } => "menu",
                _ => "nothing",
            },
            p.Once,
            matched.GetValueOrDefault(p.Name) ?? []))]);
    }

    private Task BootOnceAsync(HttpContext context, string mac, string profile, bool used)
    {
        if (MacAddress.Normalize(mac) is not { } canonical)
        {
            return WriteAsync(context, StatusCodes.Status400BadRequest, new ApiError($"'{mac}' is not a MAC address (like 52:54:00:12:34:56)"), Json.ApiError);
        }

        if (!server.IsBootOnce(profile))
        {
            return WriteAsync(context, StatusCodes.Status404NotFound, new ApiError($"the running configuration has no boot-once profile '{profile}' (GET {Prefix}profiles lists them)"), Json.ApiError);
        }

        server.SetBootOnceUsed(canonical, profile, used);
        context.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }

    /// <summary><c>PUT clients/{mac}/reservation</c>: the address checked as the configuration's reservations are, stored, then 204.</summary>
    private async Task ReserveAsync(HttpContext context, string mac)
    {
        if (MacAddress.Normalize(mac) is not { } canonical)
        {
            await WriteAsync(context, StatusCodes.Status400BadRequest, new ApiError($"'{mac}' is not a MAC address (like 52:54:00:12:34:56)"), Json.ApiError).ConfigureAwait(false);
            return;
        }

        if (await ReadAsync(context, Json.ReservationRequest).ConfigureAwait(false) is not { } request)
        {
            return;
        }

        var problems = new List<string>();
        if (request.Address is null)
        {
            problems.Add("no address (like {\"address\": \"10.0.2.60\"})");
        }
        else if (!System.Net.IPAddress.TryParse(request.Address, out var parsed) || request.Address.Count(c => c == '.') != 3)
        {
            problems.Add($"'{request.Address}' is not an IPv4 address");
        }
        else
        {
            switch (server.Reserve(canonical, parsed, request.HostName, problems))
            {
                case ReservationOutcome.Stored:
                    context.Response.StatusCode = StatusCodes.Status204NoContent;
                    return;
                case ReservationOutcome.Conflict:
                    await WriteAsync(context, StatusCodes.Status409Conflict, new ApiError($"{parsed} cannot be reserved for {canonical}", problems), Json.ApiError).ConfigureAwait(false);
                    return;
            }
        }

        await WriteAsync(context, StatusCodes.Status400BadRequest, new ApiError($"the reservation for {canonical} is not valid", problems), Json.ApiError).ConfigureAwait(false);
    }

    /// <summary><c>DELETE clients/{mac}/reservation</c>: the reservation set through the API removed, stored, then 204; 404 when there is none.</summary>
    private Task UnreserveAsync(HttpContext context, string mac)
    {
        if (MacAddress.Normalize(mac) is not { } canonical)
        {
            return WriteAsync(context, StatusCodes.Status400BadRequest, new ApiError($"'{mac}' is not a MAC address (like 52:54:00:12:34:56)"), Json.ApiError);
        }

        if (!server.Unreserve(canonical))
        {
            return WriteAsync(context, StatusCodes.Status404NotFound, new ApiError($"{canonical} has no reservation set through the API (one in the configuration is changed there)"), Json.ApiError);
        }

        context.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }

    /// <summary><c>PUT</c>/<c>DELETE clients/{mac}/boot-local</c>: stored, journaled, then 204.</summary>
    private Task BootLocalAsync(HttpContext context, string mac, bool on)
    {
        if (MacAddress.Normalize(mac) is not { } canonical)
        {
            return WriteAsync(context, StatusCodes.Status400BadRequest, new ApiError($"'{mac}' is not a MAC address (like 52:54:00:12:34:56)"), Json.ApiError);
        }

        server.SetBootLocal(canonical, on);
        context.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }

    private async Task ExplainAsync(HttpContext context)
    {
        if (await ReadAsync(context, Json.ExplainRequest).ConfigureAwait(false) is not { } request)
        {
            return;
        }

        var errors = new List<string>();
        if (server.Explain(request, errors) is { } reply)
        {
            await WriteAsync(context, StatusCodes.Status200OK, reply, Json.ExplainReply).ConfigureAwait(false);
            return;
        }

        await WriteAsync(context, StatusCodes.Status400BadRequest, new ApiError("the client cannot be explained", errors), Json.ApiError).ConfigureAwait(false);
    }

    private async Task ReloadAsync(HttpContext context)
    {
        if (server.Reload() is not { } outcome)
        {
            await WriteAsync(context, StatusCodes.Status409Conflict, new ApiError("this server has no configuration to read again"), Json.ApiError).ConfigureAwait(false);
            return;
        }

        var status = outcome.Step == BootStep.ReloadApplied ? StatusCodes.Status200OK : StatusCodes.Status422UnprocessableEntity;
        await WriteAsync(context, status, outcome, Json.BootEvent).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>GET /api/v1/events[?mac=M]</c>: Server-Sent Events, one <c>boot</c> event per journal event, until the client
    /// goes or the server stops; a comment every <see cref="KeepAliveEvery"/> while nothing happens.
    /// </summary>
    private async Task StreamAsync(HttpContext context, CancellationToken stopping)
    {
        string? mac = null;
        if (context.Request.Query.TryGetValue("mac", out var asked) && asked.ToString() is { Length: > 0 } text)
        {
            mac = MacAddress.Normalize(text);
            if (mac is null)
            {
                await WriteAsync(context, StatusCodes.Status400BadRequest, new ApiError($"'{text}' is not a MAC address (like 52:54:00:12:34:56)"), Json.ApiError).ConfigureAwait(false);
                return;
            }
        }

        using var subscription = feed.Subscribe(mac);
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(stopping, context.RequestAborted);
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers["X-Accel-Buffering"] = "no";
        await response.StartAsync(ending.Token).ConfigureAwait(false);
        await response.WriteAsync(": PxeKit events\n\n", ending.Token).ConfigureAwait(false);
        try
        {
            while (!ending.IsCancellationRequested)
            {
                using var quiet = CancellationTokenSource.CreateLinkedTokenSource(ending.Token);
                quiet.CancelAfter(KeepAliveEvery);
                bool more;
                try
                {
                    more = await subscription.Events.WaitToReadAsync(quiet.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!ending.IsCancellationRequested)
                {
                    await response.WriteAsync(": still here\n\n", ending.Token).ConfigureAwait(false);
                    continue;
                }

                if (!more)
                {
                    return;
                }

                var frames = new StringBuilder();
                while (subscription.Events.TryRead(out var bootEvent))
                {
                    frames.Append("event: boot\ndata: ").Append(JsonSerializer.Serialize(bootEvent, Json.BootEvent)).Append("\n\n");
                }

                await response.WriteAsync(frames.ToString(), ending.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ending.IsCancellationRequested)
        {
            // The client went, or the server stops: the stream ends.
        }
    }

    internal static Task NotAllowedAsync(HttpContext context, string allowed)
    {
        context.Response.Headers.Allow = allowed;
        return WriteAsync(context, StatusCodes.Status405MethodNotAllowed, new ApiError($"{context.Request.Method} is not allowed here: {allowed}"), Json.ApiError);
    }

    /// <summary>Reads a JSON body of at most <see cref="MaxBodyBytes"/>; answers 400/413/415 itself and returns null when it is not usable.</summary>
    private static async Task<T?> ReadAsync<T>(HttpContext context, JsonTypeInfo<T> type)
        where T : class
    {
        var request = context.Request;
        if (request.ContentType is not { } contentType || !contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            await WriteAsync(context, StatusCodes.Status415UnsupportedMediaType, new ApiError("send the body as JSON (Content-Type: application/json)"), Json.ApiError).ConfigureAwait(false);
            return null;
        }

        var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                await WriteAsync(context, StatusCodes.Status413PayloadTooLarge, new ApiError($"the body is larger than {MaxBodyBytes} bytes"), Json.ApiError).ConfigureAwait(false);
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        try
        {
            return JsonSerializer.Deserialize(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), type)
                ?? throw new JsonException("the body is null");
        }
        catch (JsonException exception)
        {
            await WriteAsync(context, StatusCodes.Status400BadRequest, new ApiError($"the body is not the JSON expected: {exception.Message}"), Json.ApiError).ConfigureAwait(false);
            return null;
        }
    }

    internal static Task WriteAsync<T>(HttpContext context, int status, T value, JsonTypeInfo<T> type) =>
        WriteBytesAsync(context, JsonSerializer.SerializeToUtf8Bytes(value, type), status);

    private static async Task WriteBytesAsync(HttpContext context, byte[] body, int status = StatusCodes.Status200OK)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = body.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
        }
    }
}
