using PxeKit.Core.Events;

namespace PxeKit.Server.Dhcp6;

/// <summary>
/// What a handler decided: a reply of <see cref="Length"/> bytes (0: none), what it must wait for before it leaves
/// (its binding being durable; a fault drops it), and its journal event, recorded once it has left.
/// </summary>
public readonly record struct Dhcp6Outcome(int Length, Task Durable, BootEvent? Reply)
{
    /// <summary>The reply is a Relay-reply: it goes back to the relay agent that sent the request, on UDP 547 (RFC 8415 section 7.2).</summary>
    public bool ToRelay { get; init; }

    public static Dhcp6Outcome None { get; } = new(0, Task.CompletedTask, null);

    public static Dhcp6Outcome Send(int length, BootEvent reply, Task? durable = null) => new(length, durable ?? Task.CompletedTask, reply);
}
