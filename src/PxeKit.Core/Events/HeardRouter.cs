namespace PxeKit.Core.Events;

/// <summary>One router advertisement the doctor heard after its solicitation: the router and what it advertised.</summary>
/// <param name="Address">The router's (link-local) address.</param>
/// <param name="Advertised">Its flags, router lifetime and prefixes, as a trace reads them from the wire.</param>
public sealed record HeardRouter(string Address, RouterFacts Advertised);
