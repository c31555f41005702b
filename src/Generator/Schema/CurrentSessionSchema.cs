using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using TypedSession.Generator.Model;
using TypedSession.Generator.Parser;

namespace TypedSession.Generator.Schema;

/// <summary>
/// The schema of the code as it is now, from the same inspection the generator serves the classes from: one key per
/// served property, encoded as <see cref="KeyEncoding.From"/> says. The schema analyzer compares a class's with the
/// shipped one; the "ship it" code fix writes the whole compilation's.
/// </summary>
internal static class CurrentSessionSchema
{
    /// <summary>The class's name as the schema file lists it: its full name without <c>global::</c>.</summary>
    public static string ClassName(INamedTypeSymbol type) =>
        type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat).Replace("global::", string.Empty);

    /// <summary>The encoding of a served property's key.</summary>
    public static KeyEncoding Encoding(SessionPropertyInspection property, CancellationToken cancellationToken)
    {
        var access = JsonObjectShapeParser.WithObjectShape(property.TypeClassification!.Value.Access!, property.Property.Type, cancellationToken);
        var isNullable = property.Property.Type.ToDisplayString(PropertyTypeClassifier.TypeNameFormat).EndsWith("?", System.StringComparison.Ordinal);
        return KeyEncoding.From(access, isNullable);
    }

    /// <summary>The keys of an inspected class, or null when the generator does not serve the class.</summary>
    public static SessionSchemaClass? Of(SessionClassInspection inspection, CancellationToken cancellationToken)
    {
        if (inspection.Problem != SessionClassProblem.None)
        {
            return null;
        }
        var keys = new List<SchemaKey>();
        foreach (var property in inspection.Properties)
        {
            if (property.IsServable)
            {
                keys.Add(new SchemaKey(property.Key, Encoding(property, cancellationToken)));
            }
        }
        keys.Sort(static (left, right) => string.CompareOrdinal(left.Key, right.Key));
        return new SessionSchemaClass(ClassName(inspection.Type), new EquatableArray<SchemaKey>(keys), -1);
    }

    /// <summary>The schema of every servable <c>[Session]</c> class declared in <paramref name="compilation"/>.</summary>
    public static SessionSchema Of(Compilation compilation, CancellationToken cancellationToken)
    {
        var knownTypes = new KnownTypeSymbols(compilation);
        var classes = new List<SessionSchemaClass>();
        if (knownTypes.SessionAttribute is not { } sessionAttribute)
        {
            return SessionSchema.Create(classes);
        }
        foreach (var type in SessionClasses(compilation, sessionAttribute, cancellationToken))
        {
            if (Of(SessionClassInspector.Inspect(type.Type, type.Attribute, knownTypes, cancellationToken), cancellationToken) is { } schemaClass)
            {
                classes.Add(schemaClass);
            }
        }
        return SessionSchema.Create(classes);
    }

    /// <summary>The <c>[Session]</c> classes declared in <paramref name="compilation"/>, each with its attribute.</summary>
    public static IEnumerable<(INamedTypeSymbol Type, AttributeData Attribute)> SessionClasses(
        Compilation compilation, INamedTypeSymbol sessionAttribute, CancellationToken cancellationToken)
    {
        foreach (var symbol in compilation.GetSymbolsWithName(static _ => true, SymbolFilter.Type, cancellationToken))
        {
            if (symbol is INamedTypeSymbol { TypeKind: TypeKind.Class } type && FindAttribute(type, sessionAttribute) is { } attribute)
            {
                yield return (type, attribute);
            }
        }
    }

    /// <summary>The <c>[Session]</c> attribute of <paramref name="type"/>, or null.</summary>
    public static AttributeData? FindAttribute(INamedTypeSymbol type, INamedTypeSymbol sessionAttribute)
    {
        foreach (var attribute in type.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, sessionAttribute))
            {
                return attribute;
            }
        }
        return null;
    }
}
