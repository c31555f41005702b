using Microsoft.CodeAnalysis;

namespace TypedSession.Generator.Parser;

/// <summary>
/// The session key of a property: the class's <c>KeyPrefix</c> followed by the property name, or by the name its
/// <c>[SessionKey("...")]</c> gives. The generator writes these keys and SESS004 compares them, so both use this.
/// </summary>
internal static class SessionKeyResolver
{
    /// <summary>The full key of <paramref name="property"/> (prefix included).</summary>
    public static string Resolve(IPropertySymbol property, string keyPrefix, KnownTypeSymbols knownTypes) =>
        keyPrefix + (GetExplicitKey(property, knownTypes) ?? property.Name);

    /// <summary>The name given by the property's <c>[SessionKey]</c>, or null when it has none (or gives null).</summary>
    public static string? GetExplicitKey(IPropertySymbol property, KnownTypeSymbols knownTypes)
    {
        if (knownTypes.SessionKeyAttribute is not { } sessionKeyAttribute)
        {
            return null;
        }
        foreach (var attribute in property.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, sessionKeyAttribute)
                && attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string key)
            {
                return key;
            }
        }
        return null;
    }
}
