using System.Threading;
using Microsoft.CodeAnalysis;
using TypedSession.Generator.Model;

namespace TypedSession.Generator.Parser;

/// <summary>
/// A session class's declared migration for one property: a static method <c>Migrate{Property}</c> of the class that
/// takes one value of a type with a built-in codec (the former encoding) and returns the property's type. Holds a
/// symbol: for the parser, which turns it into a <see cref="MigrationSpec"/> at once, and for the schema analyzer.
/// </summary>
internal sealed class SessionMigrationMethod
{
    private SessionMigrationMethod(IMethodSymbol method, ValueAccessSpec formerAccess)
    {
        Method = method;
        FormerAccess = formerAccess;
    }

    /// <summary>The method's name prefix; the property's name follows it.</summary>
    public const string Prefix = "Migrate";

    /// <summary>The migration method.</summary>
    public IMethodSymbol Method { get; }

    /// <summary>How the former value is decoded: always a codec (or an enum over one).</summary>
    public ValueAccessSpec FormerAccess { get; }

    /// <summary>The model the generator emits the migrating read from.</summary>
    public MigrationSpec ToSpec() =>
        new(FormerAccess.CodecTypeName!, FormerAccess.StoredTypeName, FormerAccess.EnumTypeName, Method.Name);

    /// <summary>
    /// The migration method of <paramref name="property"/>, or null when the class declares none of the expected
    /// shape: <c>static TProperty Migrate{Property}(TFormer former)</c>, where <c>TFormer</c> has a built-in codec.
    /// </summary>
    public static SessionMigrationMethod? Find(IPropertySymbol property, KnownTypeSymbols knownTypes, CancellationToken cancellationToken)
    {
        foreach (var member in property.ContainingType.GetMembers(Prefix + property.Name))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (member is not IMethodSymbol { IsStatic: true, Parameters.Length: 1, IsGenericMethod: false, ReturnsByRef: false } method
                || method.Parameters[0].RefKind != RefKind.None
                || !Returns(method.ReturnType, property.Type))
            {
                continue;
            }
            var former = PropertyTypeClassifier.Classify(method.Parameters[0].Type, jsonContext: null, knownTypes);
            if (former is { IsSupported: true, Access: { Kind: ValueAccessKind.Codec } access })
            {
                return new SessionMigrationMethod(method, access);
            }
        }
        return null;
    }

    // The property's type, or its underlying type when the property is a Nullable<T>.
    private static bool Returns(ITypeSymbol returned, ITypeSymbol propertyType)
    {
        var comparer = SymbolEqualityComparer.Default;
        if (comparer.Equals(returned, propertyType))
        {
            return true;
        }
        return propertyType is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable
            && comparer.Equals(returned, nullable.TypeArguments[0]);
    }
}
