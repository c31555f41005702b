using Microsoft.CodeAnalysis;

namespace TypedSession.Generator.Analyzers.Pipeline;

/// <summary>
/// An application's request pipeline: the <c>WebApplication</c> of a program, or the <c>IApplicationBuilder</c> of a
/// <c>Startup.Configure</c> method, with the place where <c>UseSession()</c> belongs.
/// </summary>
internal sealed class EntryPipeline
{
    public EntryPipeline(Location anchor, string receiver, bool insertAfterAnchor)
    {
        Anchor = anchor;
        Receiver = receiver;
        InsertAfterAnchor = insertAfterAnchor;
    }

    /// <summary>
    /// The first call that needs the session to run before it (a middleware that uses it, the endpoints, the server
    /// start), or, when there is none, the last call of the pipeline.
    /// </summary>
    public Location Anchor { get; }

    /// <summary>The name of the local or parameter the pipeline is built on.</summary>
    public string Receiver { get; }

    /// <summary><see langword="true"/> when <c>UseSession()</c> goes after the anchor's statement rather than before.</summary>
    public bool InsertAfterAnchor { get; }
}
