using Microsoft.CodeAnalysis;

namespace TypedSession.Generator.Parser;

/// <summary>
/// Whether a property of a <c>[Session]</c> class has the one shape the generator implements: a partial property
/// definition without an implementation, with a get and a set accessor, not static, not by-ref, not init-only (the
/// rule CommunityToolkit.Mvvm applies to partial properties). Used by the generator and by SESS002.
/// </summary>
internal static class SessionPropertyShape
{
    /// <summary>
    /// Checks <paramref name="property"/> (the definition part, as the type's members list it);
    /// <see cref="PropertyShapeProblem.None"/> means the generator implements it. An implementation written by
    /// <c>SessionGenerator</c> itself (seen by analyzers) does not count.
    /// </summary>
    public static PropertyShapeProblem Check(IPropertySymbol property)
    {
        if (property.IsIndexer)
        {
            return PropertyShapeProblem.Indexer;
        }
        if (!property.IsPartialDefinition)
        {
            return property.PartialDefinitionPart is not null ? PropertyShapeProblem.AlreadyImplemented : PropertyShapeProblem.NotPartial;
        }
        if (property.PartialImplementationPart is { } implementation && !GeneratedSources.IsGenerated(implementation))
        {
            return PropertyShapeProblem.AlreadyImplemented;
        }
        if (property.IsStatic)
        {
            return PropertyShapeProblem.Static;
        }
        if (property.ReturnsByRef || property.ReturnsByRefReadonly)
        {
            return PropertyShapeProblem.ByRef;
        }
        if (property.GetMethod is null)
        {
            return PropertyShapeProblem.MissingGetter;
        }
        if (property.SetMethod is null)
        {
            return PropertyShapeProblem.MissingSetter;
        }
        if (property.SetMethod.IsInitOnly)
        {
            return PropertyShapeProblem.InitOnly;
        }
        return PropertyShapeProblem.None;
    }
}
