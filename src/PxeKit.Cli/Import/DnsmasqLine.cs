namespace PxeKit.Cli.Import;

/// <summary>
/// One setting of a dnsmasq configuration, where it was written: <c>name=value</c> (or a bare <c>name</c>) with its
/// comment removed.
/// </summary>
/// <param name="File">The file it is in, as it was named (the top file, or a conf-file / conf-dir path).</param>
/// <param name="Number">Its line number in that file, from 1.</param>
/// <param name="Name">The option's long name, without dashes: <c>dhcp-range</c>.</param>
/// <param name="Value">Everything after the first <c>=</c>, quotes kept; null for a bare name.</param>
public sealed record DnsmasqLine(string File, int Number, string Name, string? Value)
{
    /// <summary>The fields of <see cref="Value"/>, split at commas outside quotes.</summary>
    public IReadOnlyList<DnsmasqField> Fields => Value is null ? [] : DnsmasqField.Split(Value);

    public override string ToString() => Value is null ? Name : $"{Name}={Value}";
}
