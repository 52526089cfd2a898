namespace PxeKit.Cli.Import;

/// <summary><c>tag-if=set:T[,set:T...][,tag:T...]</c>: sets tags when every tag given holds (always, when none is).</summary>
public sealed record TagIfDirective(DnsmasqLine Line, IReadOnlyList<string> SetTags, IReadOnlyList<TagCondition> Required) : DnsmasqDirective(Line);
