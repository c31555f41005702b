using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TypedSession.Generator.Model;

namespace TypedSession.Generator.Parser;

/// <summary>
/// Decides whether a JSON property type is a plain object the generator can read and write itself: a non-abstract
/// class deriving from <c>object</c>, created by System.Text.Json through one public constructor whose parameters are
/// its properties, or through a public parameterless constructor and public auto-property setters (a setter with a
/// body may depend on the order System.Text.Json calls the setters in), with only members of simple
/// types (string, bool, integers, float, double, decimal, Guid, DateTime, DateTimeOffset, their nullables) and no
/// System.Text.Json attribute but <c>[JsonPropertyName]</c>. Anything else (nested objects, collections, enums,
/// converters, callbacks, inheritance) keeps System.Text.Json's metadata. What this cannot see (the context's options,
/// its naming policy) the runtime codec checks against the metadata before it is used.
/// </summary>
internal static class JsonObjectShapeParser
{
    private const string SerializationNamespace = "System.Text.Json.Serialization";
    private const string JsonPropertyNameAttribute = "System.Text.Json.Serialization.JsonPropertyNameAttribute";
    private const string CompilerGeneratedAttribute = "System.Runtime.CompilerServices.CompilerGeneratedAttribute";

    // The codec marks the members it has read in the bits of one ulong.
    private const int MaxMembers = 64;

    /// <summary>Adds the object shape to a JSON access when the type has one; returns other accesses as they are.</summary>
    public static ValueAccessSpec WithObjectShape(ValueAccessSpec access, ITypeSymbol type, CancellationToken cancellationToken)
    {
        if (access.Kind != ValueAccessKind.Json || Parse(type.WithNullableAnnotation(NullableAnnotation.NotAnnotated), cancellationToken) is not { } shape)
        {
            return access;
        }
        return access with { JsonObject = shape };
    }

    /// <summary>The shape of <paramref name="type"/>, or null when System.Text.Json's metadata must handle it.</summary>
    public static JsonObjectShapeSpec? Parse(ITypeSymbol type, CancellationToken cancellationToken)
    {
        if (type is not INamedTypeSymbol { TypeKind: TypeKind.Class, IsAbstract: false, IsStatic: false } named
            || named.BaseType is not { SpecialType: SpecialType.System_Object }
            || HasSerializationAttribute(named.GetAttributes())
            || ImplementsSerializationInterface(named))
        {
            return null;
        }

        var properties = new List<IPropertySymbol>();
        foreach (var member in named.GetMembers())
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (member)
            {
                case IPropertySymbol { IsStatic: false, IsIndexer: false, DeclaredAccessibility: Accessibility.Public } property:
                    if (property.GetMethod is not { DeclaredAccessibility: Accessibility.Public }
                        || HasSerializationAttribute(property.GetAttributes(), allowPropertyName: true)
                        || !IsSimple(property.Type))
                    {
                        return null;
                    }
                    properties.Add(property);
                    break;
                case IFieldSymbol { IsStatic: false } field when field.IsRequired || HasSerializationAttribute(field.GetAttributes()):
                    return null;
                case IMethodSymbol { MethodKind: MethodKind.Constructor } constructor when HasSerializationAttribute(constructor.GetAttributes()):
                    // [JsonConstructor] chooses a constructor by rules this does not repeat.
                    return null;
            }
        }
        if (properties.Count == 0 || properties.Count > MaxMembers)
        {
            return null;
        }

        var publicConstructors = new List<IMethodSymbol>();
        foreach (var constructor in named.InstanceConstructors)
        {
            if (constructor.DeclaredAccessibility == Accessibility.Public)
            {
                publicConstructors.Add(constructor);
            }
        }

        var parameterIndexes = new int[properties.Count];
        var usesConstructor = !publicConstructors.Exists(constructor => constructor.Parameters.IsEmpty);
        if (usesConstructor)
        {
            if (publicConstructors.Count != 1 || !MapParameters(publicConstructors[0], properties, parameterIndexes))
            {
                return null;
            }
        }
        else
        {
            for (var i = 0; i < properties.Count; i++)
            {
                if (properties[i].SetMethod is not { DeclaredAccessibility: Accessibility.Public })
                {
                    // Written but never read back by System.Text.Json: its value would differ from what a read returns.
                    return null;
                }
                if (!IsAutoAccessor(properties[i], cancellationToken))
                {
                    // A setter with a body can change other members: System.Text.Json calls the setters in the order
                    // of the JSON's members, which only it follows.
                    return null;
                }
                parameterIndexes[i] = -1;
            }
        }

        var members = new List<JsonObjectMemberSpec>(properties.Count);
        for (var i = 0; i < properties.Count; i++)
        {
            var property = properties[i];
            var propertyType = property.Type.WithNullableAnnotation(NullableAnnotation.NotAnnotated);
            var typeName = propertyType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
            var isReference = propertyType.IsReferenceType;
            members.Add(new JsonObjectMemberSpec(
                Name: SyntaxFacts.GetKeywordKind(property.Name) != SyntaxKind.None ? "@" + property.Name : property.Name,
                MetadataName: property.Name,
                DeclaredJsonName: DeclaredJsonName(property),
                TypeName: typeName,
                LocalTypeName: isReference ? typeName + "?" : typeName,
                IsNonNullableReference: isReference && property.Type.NullableAnnotation != NullableAnnotation.Annotated,
                IsFloatingPoint: Underlying(propertyType).SpecialType is SpecialType.System_Single or SpecialType.System_Double,
                ReaderName: ReaderName(Underlying(propertyType)),
                NullableValueTypeName: Underlying(propertyType) is var underlying && !SymbolEqualityComparer.Default.Equals(underlying, propertyType)
                    ? underlying.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)
                    : null,
                ParameterIndex: parameterIndexes[i]));
        }
        return new JsonObjectShapeSpec(
            named.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            usesConstructor,
            new EquatableArray<JsonObjectMemberSpec>(members));
    }

    // System.Text.Json binds each constructor parameter to the property of the same name, ignoring case, and of the
    // same type. Every property must be a parameter, and no property may be required on top of the constructor.
    private static bool MapParameters(IMethodSymbol constructor, List<IPropertySymbol> properties, int[] parameterIndexes)
    {
        if (constructor.Parameters.Length != properties.Count)
        {
            return false;
        }
        for (var i = 0; i < parameterIndexes.Length; i++)
        {
            parameterIndexes[i] = -1;
        }
        foreach (var parameter in constructor.Parameters)
        {
            if (parameter.RefKind != RefKind.None || HasSerializationAttribute(parameter.GetAttributes()))
            {
                return false;
            }
            var match = -1;
            for (var i = 0; i < properties.Count; i++)
            {
                if (string.Equals(properties[i].Name, parameter.Name, StringComparison.OrdinalIgnoreCase))
                {
                    if (match >= 0)
                    {
                        return false;
                    }
                    match = i;
                }
            }
            if (match < 0 || parameterIndexes[match] >= 0 || properties[match].IsRequired
                || !SymbolEqualityComparer.Default.Equals(properties[match].Type, parameter.Type))
            {
                return false;
            }
            parameterIndexes[match] = parameter.Ordinal;
        }
        return true;
    }

    // A setter that only stores its value: no body in source (a partial property's implementation always has one),
    // [CompilerGenerated] in metadata, where the compiler marks the accessors it writes for auto-properties.
    private static bool IsAutoAccessor(IPropertySymbol property, CancellationToken cancellationToken)
    {
        var setter = (property.PartialImplementationPart ?? property).SetMethod!;
        if (setter.DeclaringSyntaxReferences.IsEmpty)
        {
            foreach (var attribute in setter.GetAttributes())
            {
                if (attribute.AttributeClass?.ToDisplayString() == CompilerGeneratedAttribute)
                {
                    return true;
                }
            }
            return false;
        }
        foreach (var reference in setter.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is not AccessorDeclarationSyntax { Body: null, ExpressionBody: null })
            {
                return false;
            }
        }
        return true;
    }

    private static bool IsSimple(ITypeSymbol type)
    {
        var underlying = Underlying(type);
        switch (underlying.SpecialType)
        {
            case SpecialType.System_String:
            case SpecialType.System_Boolean:
            case SpecialType.System_Byte:
            case SpecialType.System_SByte:
            case SpecialType.System_Int16:
            case SpecialType.System_UInt16:
            case SpecialType.System_Int32:
            case SpecialType.System_UInt32:
            case SpecialType.System_Int64:
            case SpecialType.System_UInt64:
            case SpecialType.System_Single:
            case SpecialType.System_Double:
            case SpecialType.System_Decimal:
            case SpecialType.System_DateTime:
                return true;
        }
        return underlying is INamedTypeSymbol { Name: "Guid" or "DateTimeOffset", Arity: 0, ContainingType: null, ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } };
    }

    // The JsonMemberValues reader of a type IsSimple accepts.
    private static string ReaderName(ITypeSymbol underlying) => underlying.SpecialType switch
    {
        SpecialType.System_String => "StringReader",
        SpecialType.System_Boolean => "BooleanReader",
        SpecialType.System_Byte => "ByteReader",
        SpecialType.System_SByte => "SByteReader",
        SpecialType.System_Int16 => "Int16Reader",
        SpecialType.System_UInt16 => "UInt16Reader",
        SpecialType.System_Int32 => "Int32Reader",
        SpecialType.System_UInt32 => "UInt32Reader",
        SpecialType.System_Int64 => "Int64Reader",
        SpecialType.System_UInt64 => "UInt64Reader",
        SpecialType.System_Single => "SingleReader",
        SpecialType.System_Double => "DoubleReader",
        SpecialType.System_Decimal => "DecimalReader",
        SpecialType.System_DateTime => "DateTimeReader",
        _ => underlying.Name + "Reader",
    };

    private static ITypeSymbol Underlying(ITypeSymbol type) =>
        type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable ? nullable.TypeArguments[0] : type;

    private static string? DeclaredJsonName(IPropertySymbol property)
    {
        foreach (var attribute in property.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() == JsonPropertyNameAttribute
                && attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string name)
            {
                return name;
            }
        }
        return null;
    }

    private static bool HasSerializationAttribute(System.Collections.Immutable.ImmutableArray<AttributeData> attributes, bool allowPropertyName = false)
    {
        foreach (var attribute in attributes)
        {
            if (attribute.AttributeClass is not { } attributeClass)
            {
                continue;
            }
            if (attributeClass.ContainingNamespace?.ToDisplayString() == SerializationNamespace
                && !(allowPropertyName && attributeClass.ToDisplayString() == JsonPropertyNameAttribute))
            {
                return true;
            }
        }
        return false;
    }

    // IJsonOnSerializing and its siblings: callbacks System.Text.Json makes around a value.
    private static bool ImplementsSerializationInterface(INamedTypeSymbol type)
    {
        foreach (var implemented in type.AllInterfaces)
        {
            if (implemented.ContainingNamespace?.ToDisplayString() == SerializationNamespace)
            {
                return true;
            }
        }
        return false;
    }
}
