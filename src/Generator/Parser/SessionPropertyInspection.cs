using Microsoft.CodeAnalysis;

namespace TypedSession.Generator.Parser;

/// <summary>
/// What <see cref="SessionClassInspector"/> found about one property of a <c>[Session]</c> class. Holds symbols: it is
/// for the analyzers and for the parser's own use, never part of the cached model.
/// </summary>
internal sealed class SessionPropertyInspection
{
    public SessionPropertyInspection(
        IPropertySymbol property,
        PropertyShapeProblem shape,
        PropertyTypeClassification? typeClassification,
        string key,
        IPropertySymbol? duplicateKeyOf,
        string? reservedNameCollision,
        bool emitRemover)
    {
        Property = property;
        Shape = shape;
        TypeClassification = typeClassification;
        Key = key;
        DuplicateKeyOf = duplicateKeyOf;
        ReservedNameCollision = reservedNameCollision;
        EmitRemover = emitRemover;
    }

    /// <summary>The property (its definition part).</summary>
    public IPropertySymbol Property { get; }

    /// <summary>SESS002: whether the property has the shape the generator implements.</summary>
    public PropertyShapeProblem Shape { get; }

    /// <summary>SESS003: how its type is stored; null when <see cref="Shape"/> is not <see cref="PropertyShapeProblem.None"/>.</summary>
    public PropertyTypeClassification? TypeClassification { get; }

    /// <summary>The session key (prefix included).</summary>
    public string Key { get; }

    /// <summary>SESS004: another property of the same class with the same key (the first one declared), or null.</summary>
    public IPropertySymbol? DuplicateKeyOf { get; }

    /// <summary>SESS005: a sentence naming the generated or inherited member the property's name collides with, or null.</summary>
    public string? ReservedNameCollision { get; }

    /// <summary>Whether the generated part adds <c>Remove{Name}()</c> (no member of the class already has that name).</summary>
    public bool EmitRemover { get; }

    /// <summary>
    /// SESS007: the property's type is a reference type declared without <c>?</c> in a nullable-enabled context, yet it
    /// reads null while the session holds no value for it.
    /// </summary>
    public bool IsNonNullableReference =>
        Property.Type.IsReferenceType && Property.Type.NullableAnnotation == NullableAnnotation.NotAnnotated;

    /// <summary>True when the generator implements the property over the session.</summary>
    public bool IsServable =>
        Shape == PropertyShapeProblem.None
        && TypeClassification is { IsSupported: true }
        && DuplicateKeyOf is null
        && ReservedNameCollision is null;

    /// <summary>Why the property is not served (the text its generated placeholder accessors throw), or null when it is.</summary>
    public string? UnservableReason =>
        Shape != PropertyShapeProblem.None ? ShapeReason(Property.Name, Shape)
        : TypeClassification is { IsSupported: false, UnsupportedReason: { } typeReason } ? typeReason
        : DuplicateKeyOf is { } other ? $"The session key '{Key}' is also the key of property '{other.Name}'; give one of them another key with [SessionKey(\"...\")]."
        : ReservedNameCollision;

    /// <summary>A sentence for SESS002 that says what is wrong with the property's shape and what to write instead.</summary>
    public static string? ShapeReason(string propertyName, PropertyShapeProblem shape)
    {
        var fix = $"declare it as 'public partial T {propertyName} {{ get; set; }}'.";
        return shape switch
        {
            PropertyShapeProblem.None => null,
            PropertyShapeProblem.NotPartial => $"'{propertyName}' is not a partial property, so the session does not store it: {fix}",
            PropertyShapeProblem.AlreadyImplemented => $"'{propertyName}' already has an implementation, so the session does not store it: remove the implementing declaration.",
            PropertyShapeProblem.MissingGetter => $"'{propertyName}' has no get accessor, so the session cannot read it: {fix}",
            PropertyShapeProblem.MissingSetter => $"'{propertyName}' has no set accessor, so the session cannot store it: {fix}",
            PropertyShapeProblem.InitOnly => $"'{propertyName}' is init-only, but session values change after the session object is created: {fix}",
            PropertyShapeProblem.Static => $"'{propertyName}' is static, but session values belong to one user's session: {fix}",
            PropertyShapeProblem.ByRef => $"'{propertyName}' returns by reference, which cannot point into a session: {fix}",
            _ => $"'{propertyName}' is an indexer; the session stores named properties: {fix}",
        };
    }
}
