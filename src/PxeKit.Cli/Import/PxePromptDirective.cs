namespace PxeKit.Cli.Import;

/// <summary><c>pxe-prompt=[tag:T,]PROMPT[,TIMEOUT]</c>: the prompt of the PXE boot menu.</summary>
/// <param name="Timeout">Seconds before the first entry boots; 0 boots it at once; null waits for a key.</param>
public sealed record PxePromptDirective(DnsmasqLine Line, IReadOnlyList<TagCondition> Tags, string Prompt, int? Timeout) : DnsmasqDirective(Line);
