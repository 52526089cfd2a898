using PxeKit.Core.Collections;

namespace PxeKit.Server.BootApi;

/// <summary>
/// The boot API's answers per MAC, for a while: a boot and a 404 are kept for <c>ttl</c>, a failure is not kept (the next
/// request asks again). Requests for one MAC while its question is under way share it, so a machine's repeated requests,
/// or a rack asking at once, cost one question each. At most <c>capacity</c> MACs; past it, the one used least
/// recently goes. Safe for several threads; time is <see cref="TimeProvider"/>'s.
/// </summary>
public sealed class BootApiCache(int capacity, TimeSpan ttl, TimeProvider time)
{
    private readonly BoundedMap<string, Entry> _entries = new(capacity, StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>How many MACs have an answer kept, or a question under way.</summary>
    public int Count => _entries.Count;

    /// <summary>The answer kept for <paramref name="mac"/>, or the one under way; else <paramref name="ask"/>'s, which is kept unless it failed.</summary>
    public Task<BootApiAnswer> GetOrAsk(string mac, Func<string, Task<BootApiAnswer>> ask)
    {
        ArgumentNullException.ThrowIfNull(ask);
        Entry mine;
        lock (_gate)
        {
            if (_entries.TryGet(mac, out var kept) && (!kept.Answer.Task.IsCompleted || time.GetUtcNow() < kept.Expires))
            {
                return kept.Answer.Task;
            }

            mine = new Entry(new TaskCompletionSource<BootApiAnswer>(TaskCreationOptions.RunContinuationsAsynchronously), time.GetUtcNow() + ttl);
            _entries.Set(mac, mine);
        }

        _ = AnswerAsync(mac, mine, ask);
        return mine.Answer.Task;
    }

    private async Task AnswerAsync(string mac, Entry entry, Func<string, Task<BootApiAnswer>> ask)
    {
        try
        {
            var answer = await ask(mac).ConfigureAwait(false);
            if (answer.Failure is not null)
            {
                Forget(mac, entry);
            }
            else
            {
                // Kept from the answer on, not from the question.
                lock (_gate)
                {
                    if (_entries.TryGet(mac, out var kept) && ReferenceEquals(kept.Answer, entry.Answer))
                    {
                        _entries.Set(mac, entry with { Expires = time.GetUtcNow() + ttl });
                    }
                }
            }

            entry.Answer.SetResult(answer);
        }
#pragma warning disable CA1031 // A bug in the question is every waiting request's failure, not an unobserved task's.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            Forget(mac, entry);
            entry.Answer.SetException(exception);
        }
    }

    private void Forget(string mac, Entry entry)
    {
        lock (_gate)
        {
            if (_entries.TryGet(mac, out var kept) && ReferenceEquals(kept.Answer, entry.Answer))
            {
                _entries.Remove(mac);
            }
        }
    }

    private sealed record Entry(TaskCompletionSource<BootApiAnswer> Answer, DateTimeOffset Expires);
}
