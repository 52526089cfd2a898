namespace PxeKit.Protocol.Dhcp6;

/// <summary>Why <see cref="Dhcp6RelayChain.TryUnwrap"/> found no message inside the relay messages.</summary>
public enum Dhcp6RelayError
{
    None,

    /// <summary>More than <see cref="Dhcp6RelayChain.MaxHops"/> relay messages nested.</summary>
    TooManyHops,

    /// <summary>A relay message without option 9, the Relay Message.</summary>
    NoMessage,
}
