using System.Net;
using System.Net.Http.Headers;
using PxeKit.Core.Events;

namespace PxeKit.Server.BootApi;

/// <summary>
/// Asks the external boot API what a machine boots (<c>GET URL/v1/boot/MAC</c>), through a <see cref="BootApiCache"/>: a
/// bounded wait (<see cref="BootApiOptions.Timeout"/>), a bounded body (<see cref="BootApiOptions.MaxReplyBytes"/>), and
/// an answer that never throws for what the service does: a failure is a <see cref="BootApiFailure"/>. One for the whole
/// server (its connections and its cache are shared by every interface).
/// </summary>
public sealed class BootApiClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly BootApiCache _cache;

    public BootApiClient(BootApiOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!BootApiOptions.IsUsable(options.Url))
        {
            throw new ArgumentException($"the boot API's URL {options.Url} is not an absolute http or https URL", nameof(options));
        }

        Options = options;
        _time = time ?? TimeProvider.System;
        _cache = new BootApiCache(options.CacheSize, options.CacheTtl, _time);
        _http = new HttpClient(new SocketsHttpHandler
        {
            // The service is on the operator's network: no proxy from the environment, a few redirects at most.
            UseProxy = false,
            MaxAutomaticRedirections = 3,
            ConnectTimeout = options.Timeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            AutomaticDecompression = DecompressionMethods.None,
        })
        {
            // The timeout is this class's own (TimeProvider's), for the whole question and its body.
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        };
    }

    public BootApiOptions Options { get; }

    /// <summary>How many machines' answers the cache holds.</summary>
    public int Cached => _cache.Count;

    /// <summary>What the API says about <paramref name="mac"/> (canonical: <c>52:54:00:12:34:56</c>), from the cache when it is fresh.</summary>
    public Task<BootApiAnswer> AskAsync(string mac)
    {
        ArgumentException.ThrowIfNullOrEmpty(mac);
        return _cache.GetOrAsk(mac, QuestionAsync);
    }

    private async Task<BootApiAnswer> QuestionAsync(string mac)
    {
        var url = Options.RequestUrl(mac);
        using var timeout = new CancellationTokenSource(Options.Timeout, _time);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            switch (response.StatusCode)
            {
                case HttpStatusCode.NotFound:
                    return BootApiAnswer.NotForUs;
                case not HttpStatusCode.OK:
                    return BootApiAnswer.Failed(url, BootApiFailure.BadStatus, $"HTTP {status} {response.ReasonPhrase}", status);
            }

            if (response.Content.Headers.ContentLength > Options.MaxReplyBytes)
            {
                return TooLarge(url, status);
            }

            var body = await ReadAsync(response.Content, timeout.Token).ConfigureAwait(false);
            if (body is null)
            {
                return TooLarge(url, status);
            }

            return BootApiReplyReader.TryRead(body, Options.Url, out var kernel) is { } problem
                ? BootApiAnswer.Failed(url, BootApiFailure.BadReply, problem, status)
                : BootApiAnswer.Boot(kernel!);
        }
        catch (OperationCanceledException)
        {
            // Nobody else cancels the question: it is this timeout, or the connection's (ConnectTimeout), whichever came first.
            return BootApiAnswer.Failed(url, BootApiFailure.Timeout, $"no answer within {Options.Timeout.TotalSeconds:0.###} s");
        }
        catch (HttpRequestException exception)
        {
            return BootApiAnswer.Failed(url, BootApiFailure.Unreachable, exception.Message);
        }
        catch (IOException exception)
        {
            return BootApiAnswer.Failed(url, BootApiFailure.Unreachable, $"the connection broke: {exception.Message}");
        }
    }

    /// <summary>The body, or null when it is longer than <see cref="BootApiOptions.MaxReplyBytes"/>: never more is read.</summary>
    private async Task<byte[]?> ReadAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new byte[Options.MaxReplyBytes + 1];
            var length = 0;
            while (length < buffer.Length)
            {
                var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return buffer[..length];
                }

                length += read;
            }

            return null;
        }
    }

    private BootApiAnswer TooLarge(Uri url, int status) =>
        BootApiAnswer.Failed(url, BootApiFailure.TooLarge, $"the answer is larger than {Options.MaxReplyBytes} bytes", status);

    public void Dispose() => _http.Dispose();
}
