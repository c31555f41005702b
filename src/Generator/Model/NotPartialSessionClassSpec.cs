namespace TypedSession.Generator.Model;

/// <summary>
/// A <c>[Session]</c> class that is not partial, or sits in a type that is not, and declares partial properties: the
/// compiler then stops at its own declaration errors (CS0751, CS9248) before any analyzer runs, so the generator
/// reports SESS001 itself. Values only, for the incremental cache.
/// </summary>
/// <param name="Location">The class's name in its first declaration.</param>
/// <param name="ClassName">The session class's name.</param>
/// <param name="NonPartialTypeName">The class or containing type that lacks <c>partial</c>.</param>
internal sealed record NotPartialSessionClassSpec(LocationSpec Location, string ClassName, string NonPartialTypeName);
