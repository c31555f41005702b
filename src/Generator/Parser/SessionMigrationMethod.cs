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
            if (member is IMethodSymbol method && Check(method, property, knownTypes, out var former) is null)
            {
                return new SessionMigrationMethod(method, former!);
            }
        }
        return null;
    }

    /// <summary>
    /// Why <paramref name="method"/>, named after <paramref name="property"/>, is not its migration (a clause for
    /// SESS008), or null when it is; <paramref name="former"/> is then how the former value is decoded.
    /// </summary>
    public static string? Check(IMethodSymbol method, IPropertySymbol property, KnownTypeSymbols knownTypes, out ValueAccessSpec? former)
    {
        former = null;
        if (!method.IsStatic)
        {
            return "a migration must be static";
        }
        if (method.IsGenericMethod || method.Parameters.Length != 1 || method.Parameters[0].RefKind != RefKind.None || method.ReturnsByRef)
        {
            return "a migration takes one value of the former type and returns the new value";
        }
        if (!Returns(method.ReturnType, property.Type))
        {
            return $"it returns '{method.ReturnType.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat)}', not the property's type '{property.Type.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat)}'";
        }
        var current = PropertyTypeClassifier.Classify(property.Type, jsonContext: null, knownTypes);
        if (current is not { IsSupported: true, Access.Kind: not ValueAccessKind.Json })
        {
            return "only a property with a built-in codec (not one stored as JSON) can migrate through a method";
        }
        var parameter = method.Parameters[0].Type;
        if (PropertyTypeClassifier.Classify(parameter, jsonContext: null, knownTypes) is not { IsSupported: true, Access: { Kind: ValueAccessKind.Codec } access })
        {
            return $"its parameter type '{parameter.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat)}' has no built-in codec, so the stored bytes cannot be read as it";
        }
        former = access;
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
