using PxeKit.Core.Verdicts;

namespace PxeKit.Diagnostics.Trace;

/// <summary>One fault the wire alone can show. A rule says nothing about a client that booted cleanly.</summary>
public interface IWireRule
{
    /// <param name="client">The client to judge.</param>
    /// <param name="everyone">Every client of the capture, for rules that compare.</param>
    IEnumerable<Verdict> Check(ClientTrace client, IReadOnlyList<ClientTrace> everyone);
}
