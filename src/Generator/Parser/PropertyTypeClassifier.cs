using Microsoft.CodeAnalysis;
using TypedSession.Generator.Model;

namespace TypedSession.Generator.Parser;

/// <summary>
/// Decides how the session stores a property type: the codec of a simple type, the underlying type's codec for an
/// enum, the nullable form of either, or JSON through the source-generated metadata of the class's
/// <c>JsonSerializerContext</c>. The generator and SESS003 both call it, so that what the analyzer accepts is exactly
/// what the generator implements.
/// </summary>
internal static class PropertyTypeClassifier
{
    private const string CodecNamespace = "global::TypedSession.Generated.";

    /// <summary>Fully qualified names with nullable annotations, the way the generated code repeats them.</summary>
    internal static readonly SymbolDisplayFormat TypeNameFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <summary>Classifies <paramref name="type"/>.</summary>
    /// <param name="type">The property type, with its nullable annotation.</param>
    /// <param name="jsonContext">The type the class's <c>[Session(JsonContext = ...)]</c> names, or null.</param>
    /// <param name="knownTypes">The compilation's well-known types.</param>
    public static PropertyTypeClassification Classify(ITypeSymbol type, INamedTypeSymbol? jsonContext, KnownTypeSymbols knownTypes)
    {
        if (type.TypeKind == TypeKind.Error || ContainsErrorType(type))
        {
            return new PropertyTypeClassification(PropertyTypeCategory.Unresolved, null, null);
        }

        if (FindCodec(type, knownTypes) is { } codec)
        {
            return Supported(new ValueAccessSpec(ValueAccessKind.Codec, codec.CodecTypeName, codec.StoredTypeName, codec.StoredTypeName, codec.EnumTypeName, null, null));
        }

        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable
            && FindCodec(nullable.TypeArguments[0], knownTypes) is { } underlying)
        {
            return Supported(new ValueAccessSpec(ValueAccessKind.NullableCodec, underlying.CodecTypeName, underlying.StoredTypeName, underlying.StoredTypeName, underlying.EnumTypeName, null, null));
        }

        if (type.TypeKind == TypeKind.Enum || type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullableEnum && nullableEnum.TypeArguments[0].TypeKind == TypeKind.Enum)
        {
            var enumType = type.TypeKind == TypeKind.Enum ? (INamedTypeSymbol)type : (INamedTypeSymbol)((INamedTypeSymbol)type).TypeArguments[0];
            return Unsupported(PropertyTypeCategory.Unsupported,
                $"The enum '{Display(enumType)}' has the underlying type '{Display(enumType.EnumUnderlyingType!)}', which has no session codec; declare it as ': byte', ': short', ': int' or ': long'.");
        }

        if (NeverStorableReason(type) is { } reason)
        {
            return Unsupported(PropertyTypeCategory.Unsupported, reason);
        }

        return ClassifyComplex(type, jsonContext, knownTypes);
    }

    private static PropertyTypeClassification ClassifyComplex(ITypeSymbol type, INamedTypeSymbol? jsonContext, KnownTypeSymbols knownTypes)
    {
        var stored = type.WithNullableAnnotation(NullableAnnotation.NotAnnotated);
        var display = Display(stored);
        if (jsonContext is null)
        {
            return Unsupported(PropertyTypeCategory.ComplexWithoutJsonContext,
                $"'{display}' is stored as JSON with source-generated metadata: name a JsonSerializerContext that has [JsonSerializable(typeof({display}))] in [Session(JsonContext = typeof(...))].");
        }

        if (knownTypes.JsonSerializerContext is not { } contextBase || !DerivesFrom(jsonContext, contextBase))
        {
            return Unsupported(PropertyTypeCategory.InvalidJsonContext,
                $"'{Display(jsonContext)}', named by [Session(JsonContext = ...)], is not a System.Text.Json.Serialization.JsonSerializerContext.");
        }

        if (FindTypeInfoProperty(jsonContext, stored, knownTypes) is { } visibleProperty)
        {
            return Json(jsonContext, stored, visibleProperty);
        }

        foreach (var attribute in jsonContext.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, knownTypes.JsonSerializableAttribute)
                && attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is ITypeSymbol serializable
                && SymbolEqualityComparer.Default.Equals(serializable, stored))
            {
                string? propertyName = null;
                foreach (var argument in attribute.NamedArguments)
                {
                    if (argument.Key == "TypeInfoPropertyName" && argument.Value.Value is string named && named.Length > 0)
                    {
                        propertyName = named;
                    }
                }
                return Json(jsonContext, stored, propertyName);
            }
        }

        return Unsupported(PropertyTypeCategory.ComplexNotCoveredByJsonContext,
            $"'{Display(jsonContext)}' has no metadata for '{display}': add [JsonSerializable(typeof({display}))] to it.");
    }

    private static PropertyTypeClassification Json(INamedTypeSymbol jsonContext, ITypeSymbol stored, string? typeInfoPropertyName) =>
        Supported(new ValueAccessSpec(
            ValueAccessKind.Json,
            CodecTypeName: null,
            StoredTypeName: stored.ToDisplayString(TypeNameFormat),
            UnannotatedTypeName: stored.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            EnumTypeName: null,
            JsonContextTypeName: jsonContext.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            JsonTypeInfoPropertyName: typeInfoPropertyName));

    // A context in a referenced assembly (or written by hand) shows its JsonTypeInfo<T> properties; one generated in
    // this compilation does not, because generators do not see each other's output.
    private static string? FindTypeInfoProperty(INamedTypeSymbol jsonContext, ITypeSymbol stored, KnownTypeSymbols knownTypes)
    {
        if (knownTypes.JsonTypeInfoOfT is not { } typeInfoOfT)
        {
            return null;
        }
        foreach (var member in jsonContext.GetMembers())
        {
            if (member is IPropertySymbol { IsStatic: false, Parameters.Length: 0, Type: INamedTypeSymbol propertyType } property
                && SymbolEqualityComparer.Default.Equals(propertyType.OriginalDefinition, typeInfoOfT)
                && SymbolEqualityComparer.Default.Equals(propertyType.TypeArguments[0], stored))
            {
                return property.Name;
            }
        }
        return null;
    }

    private readonly record struct Codec(string CodecTypeName, string StoredTypeName, string? EnumTypeName);

    private static Codec? FindCodec(ITypeSymbol type, KnownTypeSymbols knownTypes)
    {
        if (type.TypeKind == TypeKind.Enum && type is INamedTypeSymbol { EnumUnderlyingType: { } underlying })
        {
            return CodecOf(underlying) is { } codecName
                ? new Codec(codecName, underlying.ToDisplayString(TypeNameFormat), type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat))
                : null;
        }

        if (type is IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Byte })
        {
            return new Codec(CodecNamespace + "ByteArrayCodec", "byte[]", null);
        }

        var name = CodecOf(type)
            ?? (Is(type, knownTypes.Guid) ? CodecNamespace + "GuidCodec"
            : Is(type, knownTypes.DateTimeOffset) ? CodecNamespace + "DateTimeOffsetCodec"
            : Is(type, knownTypes.DateOnly) ? CodecNamespace + "DateOnlyCodec"
            : Is(type, knownTypes.TimeOnly) ? CodecNamespace + "TimeOnlyCodec"
            : Is(type, knownTypes.TimeSpan) ? CodecNamespace + "TimeSpanCodec"
            : null);
        return name is null
            ? null
            : new Codec(name, type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(TypeNameFormat), null);
    }

    private static string? CodecOf(ITypeSymbol type) => type.SpecialType switch
    {
        SpecialType.System_String => CodecNamespace + "StringCodec",
        SpecialType.System_Boolean => CodecNamespace + "BooleanCodec",
        SpecialType.System_Byte => CodecNamespace + "ByteCodec",
        SpecialType.System_Int16 => CodecNamespace + "Int16Codec",
        SpecialType.System_Int32 => CodecNamespace + "Int32Codec",
        SpecialType.System_Int64 => CodecNamespace + "Int64Codec",
        SpecialType.System_Single => CodecNamespace + "SingleCodec",
        SpecialType.System_Double => CodecNamespace + "DoubleCodec",
        SpecialType.System_Decimal => CodecNamespace + "DecimalCodec",
        SpecialType.System_Char => CodecNamespace + "CharCodec",
        SpecialType.System_DateTime => CodecNamespace + "DateTimeCodec",
        _ => null,
    };

    private static string? NeverStorableReason(ITypeSymbol type)
    {
        var display = Display(type);
        if (type.SpecialType == SpecialType.System_Object || type.TypeKind == TypeKind.Dynamic)
        {
            return $"'{display}' says nothing about what is stored, so the session cannot encode or decode it: declare the concrete type.";
        }
        if (type.SpecialType is SpecialType.System_Enum or SpecialType.System_ValueType or SpecialType.System_Array
            or SpecialType.System_Delegate or SpecialType.System_MulticastDelegate)
        {
            return $"'{display}' says nothing about what is stored, so the session cannot encode or decode it: declare the concrete type.";
        }
        if (type.SpecialType is SpecialType.System_IntPtr or SpecialType.System_UIntPtr)
        {
            return $"'{display}' is a machine-sized number that means nothing on another machine or process: use int or long.";
        }
        switch (type.TypeKind)
        {
            case TypeKind.Interface:
                return $"'{display}' is an interface: the session cannot know which type to create when it reads the value; declare a concrete type.";
            case TypeKind.Delegate:
                return $"'{display}' is a delegate: code cannot be stored in a session.";
            case TypeKind.Pointer:
            case TypeKind.FunctionPointer:
                return $"'{display}' is a pointer: an address means nothing in another request.";
            case TypeKind.TypeParameter:
                return $"'{display}' is a type parameter: the session needs a concrete type to encode it.";
        }
        if (type.IsRefLikeType)
        {
            return $"'{display}' is a ref struct, which cannot be kept in a field: use an array or a string instead.";
        }
        if (type.IsAnonymousType)
        {
            return $"'{display}' is an anonymous type: declare a record instead.";
        }
        if (ContainsTypeParameter(type))
        {
            return $"'{display}' is an open generic type: the session needs a concrete type to encode it.";
        }
        return null;
    }

    private static bool ContainsTypeParameter(ITypeSymbol type) => type switch
    {
        ITypeParameterSymbol => true,
        IArrayTypeSymbol array => ContainsTypeParameter(array.ElementType),
        INamedTypeSymbol named => AnyTypeArgument(named, ContainsTypeParameter),
        _ => false,
    };

    private static bool ContainsErrorType(ITypeSymbol type) => type switch
    {
        IErrorTypeSymbol => true,
        IArrayTypeSymbol array => ContainsErrorType(array.ElementType),
        INamedTypeSymbol named => AnyTypeArgument(named, ContainsErrorType),
        _ => false,
    };

    private static bool AnyTypeArgument(INamedTypeSymbol named, System.Func<ITypeSymbol, bool> predicate)
    {
        for (var current = named; current is not null; current = current.ContainingType)
        {
            foreach (var argument in current.TypeArguments)
            {
                if (predicate(argument))
                {
                    return true;
                }
            }
        }
        return false;
    }

    private static bool DerivesFrom(INamedTypeSymbol type, INamedTypeSymbol baseType)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, baseType))
            {
                return true;
            }
        }
        return false;
    }

    private static bool Is(ITypeSymbol type, INamedTypeSymbol? known) =>
        known is not null && SymbolEqualityComparer.Default.Equals(type, known);

    private static PropertyTypeClassification Supported(ValueAccessSpec access) =>
        new(PropertyTypeCategory.Supported, access, null);

    private static PropertyTypeClassification Unsupported(PropertyTypeCategory category, string reason) =>
        new(category, null, reason);

    private static string Display(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat);
}
