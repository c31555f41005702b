using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace TypedSession.Generator.Parser;

/// <summary>
/// Applies every declaration rule to a <c>[Session]</c> class in one place: the generator serves what passes, and
/// the analyzers report what does not (SESS001-SESS005), so the two can never disagree.
/// </summary>
internal static class SessionClassInspector
{
    /// <summary>Inspects <paramref name="type"/>, which carries <paramref name="sessionAttribute"/>.</summary>
    public static SessionClassInspection Inspect(
        INamedTypeSymbol type,
        AttributeData sessionAttribute,
        KnownTypeSymbols knownTypes,
        CancellationToken cancellationToken)
    {
        var arguments = SessionAttributeArguments.Read(sessionAttribute);
        var (problem, problemType) = FindClassProblem(type, knownTypes, cancellationToken);

        var userMemberNames = new HashSet<string>(System.StringComparer.Ordinal);
        var properties = new List<IPropertySymbol>();
        foreach (var member in type.GetMembers())
        {
            if (member.IsImplicitlyDeclared || GeneratedSources.IsGenerated(member))
            {
                continue;
            }
            userMemberNames.Add(member.Name);
            if (member is IPropertySymbol property)
            {
                properties.Add(property);
            }
        }

        var shapes = new PropertyShapeProblem[properties.Count];
        var keys = new string[properties.Count];
        var firstWithKey = new Dictionary<string, IPropertySymbol>(System.StringComparer.Ordinal);
        var servedNames = new HashSet<string>(System.StringComparer.Ordinal);
        for (var i = 0; i < properties.Count; i++)
        {
            shapes[i] = SessionPropertyShape.Check(properties[i]);
            keys[i] = SessionKeyResolver.Resolve(properties[i], arguments.KeyPrefix, knownTypes);
            if (shapes[i] == PropertyShapeProblem.None)
            {
                servedNames.Add(properties[i].Name);
                if (!firstWithKey.ContainsKey(keys[i]))
                {
                    firstWithKey.Add(keys[i], properties[i]);
                }
            }
        }

        var inspections = ImmutableArray.CreateBuilder<SessionPropertyInspection>(properties.Count);
        for (var i = 0; i < properties.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var property = properties[i];
            PropertyTypeClassification? classification = null;
            IPropertySymbol? duplicateOf = null;
            if (shapes[i] == PropertyShapeProblem.None)
            {
                classification = PropertyTypeClassifier.Classify(property.Type, arguments.JsonContext, knownTypes);
                duplicateOf = FindDuplicateKey(property, keys[i], properties, shapes, keys, firstWithKey);
            }
            inspections.Add(new SessionPropertyInspection(
                property,
                shapes[i],
                classification,
                keys[i],
                duplicateOf,
                FindReservedNameCollision(property.Name, servedNames),
                emitRemover: !userMemberNames.Contains(ReservedMemberNames.RemoverName(property.Name))));
        }

        return new SessionClassInspection(
            type,
            arguments,
            problem,
            problemType,
            inspections.MoveToImmutable(),
            emitFactory: !userMemberNames.Contains(ReservedMemberNames.Create) && !userMemberNames.Contains(ReservedMemberNames.BindAsync),
            emitResetCachedValues: !userMemberNames.Contains(ReservedMemberNames.ResetCachedValues));
    }

    /// <summary>
    /// The first type, from <paramref name="type"/> outwards, that is not declared <c>partial</c> in every one of its
    /// declarations; null when the class and all its containers are partial (SESS001).
    /// </summary>
    public static INamedTypeSymbol? FindNonPartialType(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        for (var current = type; current is not null; current = current.ContainingType)
        {
            if (!IsPartial(current, cancellationToken))
            {
                return current;
            }
        }
        return null;
    }

    /// <summary>
    /// True when the compiler itself rejects the declarations of <paramref name="type"/>, which is not partial or
    /// sits in <paramref name="nonPartialType"/> that is not: a partial member in a type that is not partial (CS0751),
    /// or a partial property the generator cannot implement (CS9248). Such errors stop a command-line build before any
    /// analyzer runs, so the generator reports SESS001 for this case and the analyzer for the others, never both.
    /// </summary>
    public static bool CompilerRejectsPartialMembers(INamedTypeSymbol type, INamedTypeSymbol nonPartialType, CancellationToken cancellationToken)
    {
        var classIsNotPartial = SymbolEqualityComparer.Default.Equals(type, nonPartialType);
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (GeneratedSources.IsGenerated(reference.SyntaxTree)
                || reference.GetSyntax(cancellationToken) is not TypeDeclarationSyntax declaration)
            {
                continue;
            }
            foreach (var member in declaration.Members)
            {
                if (member.Modifiers.Any(SyntaxKind.PartialKeyword)
                    && (classIsNotPartial || member is PropertyDeclarationSyntax))
                {
                    return true;
                }
            }
        }
        return false;
    }

    private static (SessionClassProblem Problem, INamedTypeSymbol? ProblemType) FindClassProblem(
        INamedTypeSymbol type, KnownTypeSymbols knownTypes, CancellationToken cancellationToken)
    {
        if (FindNonPartialType(type, cancellationToken) is { } nonPartial)
        {
            return (SessionClassProblem.NotPartial, nonPartial);
        }
        if (type.IsRecord)
        {
            return (SessionClassProblem.IsRecord, type);
        }
        if (type.IsStatic)
        {
            return (SessionClassProblem.IsStatic, type);
        }
        if (type.IsAbstract)
        {
            return (SessionClassProblem.IsAbstract, type);
        }
        for (var current = type; current is not null; current = current.ContainingType)
        {
            if (current.IsFileLocal)
            {
                return (SessionClassProblem.IsFileLocal, current);
            }
        }
        if (type.BaseType is { SpecialType: not SpecialType.System_Object } baseType
            && !SymbolEqualityComparer.Default.Equals(baseType, knownTypes.TypedSessionBase))
        {
            return (SessionClassProblem.HasBaseClass, type);
        }
        return (SessionClassProblem.None, null);
    }

    private static bool IsPartial(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var references = type.DeclaringSyntaxReferences;
        if (references.IsEmpty)
        {
            return false;
        }
        foreach (var reference in references)
        {
            if (GeneratedSources.IsGenerated(reference.SyntaxTree))
            {
                continue;
            }
            if (reference.GetSyntax(cancellationToken) is not TypeDeclarationSyntax declaration
                || !declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                return false;
            }
        }
        return true;
    }

    private static IPropertySymbol? FindDuplicateKey(
        IPropertySymbol property,
        string key,
        List<IPropertySymbol> properties,
        PropertyShapeProblem[] shapes,
        string[] keys,
        Dictionary<string, IPropertySymbol> firstWithKey)
    {
        var first = firstWithKey[key];
        if (!SymbolEqualityComparer.Default.Equals(first, property))
        {
            return first;
        }
        // The first property with the key is a duplicate too when a later one shares it: both are reported.
        for (var i = 0; i < properties.Count; i++)
        {
            if (shapes[i] == PropertyShapeProblem.None && keys[i] == key
                && !SymbolEqualityComparer.Default.Equals(properties[i], property))
            {
                return properties[i];
            }
        }
        return null;
    }

    private static string? FindReservedNameCollision(string name, HashSet<string> servedNames)
    {
        if (ReservedMemberNames.BaseMembers.Contains(name))
        {
            return $"'{name}' is a member of TypedSession.TypedSessionBase, the base of every session class: rename the property and keep its key with [SessionKey(\"{name}\")].";
        }
        if (ReservedMemberNames.GeneratedMembers.Contains(name))
        {
            return $"'{name}' is a member the generated part of every session class declares: rename the property and keep its key with [SessionKey(\"{name}\")].";
        }
        if (name.StartsWith(ReservedMemberNames.GeneratedFieldPrefix, System.StringComparison.Ordinal))
        {
            return $"Names starting with '{ReservedMemberNames.GeneratedFieldPrefix}' are reserved for the generated fields: rename the property and keep its key with [SessionKey(\"{name}\")].";
        }
        if (name.StartsWith(ReservedMemberNames.RemoverPrefix, System.StringComparison.Ordinal)
            && servedNames.Contains(name.Substring(ReservedMemberNames.RemoverPrefix.Length)))
        {
            return $"'{name}' is the remover generated for property '{name.Substring(ReservedMemberNames.RemoverPrefix.Length)}': rename the property and keep its key with [SessionKey(\"{name}\")].";
        }
        return null;
    }
}
