namespace TypedSession.Generator.Parser;

/// <summary>Why the generator cannot implement a property of a <c>[Session]</c> class (SESS002), or <see cref="None"/>.</summary>
internal enum PropertyShapeProblem
{
    /// <summary>A partial property definition with a get and a set accessor: the generator implements it.</summary>
    None,

    /// <summary>Not a <c>partial</c> property: an ordinary property the generator leaves alone.</summary>
    NotPartial,

    /// <summary>The user wrote the implementing declaration too, so there is nothing left to generate.</summary>
    AlreadyImplemented,

    /// <summary>No <c>get</c> accessor.</summary>
    MissingGetter,

    /// <summary>No <c>set</c> accessor.</summary>
    MissingSetter,

    /// <summary>An <c>init</c> accessor instead of <c>set</c>: the session changes after construction.</summary>
    InitOnly,

    /// <summary>A <c>static</c> property: session state belongs to one request's session, not to the type.</summary>
    Static,

    /// <summary>Returns by reference (<c>ref</c> or <c>ref readonly</c>).</summary>
    ByRef,

    /// <summary>An indexer.</summary>
    Indexer,
}
