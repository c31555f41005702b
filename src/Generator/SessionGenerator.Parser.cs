using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TypedSession.Generator.Model;
using TypedSession.Generator.Parser;

namespace TypedSession.Generator;

public sealed partial class SessionGenerator
{
    /// <summary>
    /// Symbols in, model out. Runs only when a declaration of the compilation changed (never for an edit inside a
    /// method or a comment), and keeps nothing of the compilation in what it returns.
    /// </summary>
    private static class Parser
    {
        private static readonly SymbolDisplayFormat NamespaceFormat = SymbolDisplayFormat.FullyQualifiedFormat
            .WithGlobalNamespaceStyle(SymbolDisplayGlobalNamespaceStyle.Omitted);

        /// <summary>
        /// The model of every <c>[Session]</c> class of <paramref name="environment"/>, in declaration order (null for a
        /// class the generator cannot serve). Runs only when the environment changed, binding in its compilation.
        /// </summary>
        public static ImmutableArray<SessionClassSpec?> ParseAll(SemanticEnvironment environment, CancellationToken cancellationToken)
        {
            var compilation = environment.Compilation;
            var knownTypes = new KnownTypeSymbols(compilation);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var specs = ImmutableArray.CreateBuilder<SessionClassSpec?>();
            foreach (var tree in environment.Trees)
            {
                foreach (var metadataName in tree.ClassCandidates)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    // A class declared in parts is found once per attributed part; it gets one model.
                    if (!seen.Add(metadataName)
                        || compilation.Assembly.GetTypeByMetadataName(metadataName) is not { } type
                        || FindSessionAttribute(type) is not { } attribute)
                    {
                        continue;
                    }
                    specs.Add(Parse(type, attribute, knownTypes, cancellationToken));
                }
            }
            return specs.ToImmutable();
        }

        /// <summary>
        /// The <c>[Session]</c> classes of <paramref name="environment"/> that are not partial (or sit in a type that is
        /// not) and whose partial members the compiler rejects itself: a command-line build then stops at the compiler's
        /// errors before any analyzer runs, so the generator reports SESS001 for them.
        /// </summary>
        public static ImmutableArray<NotPartialSessionClassSpec> FindNotPartialClasses(SemanticEnvironment environment, CancellationToken cancellationToken)
        {
            var compilation = environment.Compilation;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var specs = ImmutableArray.CreateBuilder<NotPartialSessionClassSpec>();
            foreach (var tree in environment.Trees)
            {
                foreach (var metadataName in tree.ClassCandidates)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (!seen.Add(metadataName)
                        || compilation.Assembly.GetTypeByMetadataName(metadataName) is not { } type
                        || FindSessionAttribute(type) is null
                        || SessionClassInspector.FindNonPartialType(type, cancellationToken) is not { } nonPartial
                        || !SessionClassInspector.CompilerRejectsPartialMembers(type, nonPartial, cancellationToken))
                    {
                        continue;
                    }
                    foreach (var location in type.Locations)
                    {
                        if (location.IsInSource && LocationSpec.From(location) is { } spec)
                        {
                            specs.Add(new NotPartialSessionClassSpec(spec, type.Name, nonPartial.Name));
                            break;
                        }
                    }
                }
            }
            return specs.ToImmutable();
        }

        // By name, as ForAttributeWithMetadataName matches: also when the attribute type cannot be resolved uniquely.
        private static AttributeData? FindSessionAttribute(INamedTypeSymbol type)
        {
            foreach (var attribute in type.GetAttributes())
            {
                if (attribute.AttributeClass is { Name: "SessionAttribute", ContainingType: null, ContainingNamespace: { Name: "TypedSession", ContainingNamespace.IsGlobalNamespace: true } })
                {
                    return attribute;
                }
            }
            return null;
        }

        /// <summary>The model of the class, or null when the generator cannot serve it (the analyzers say why).</summary>
        private static SessionClassSpec? Parse(INamedTypeSymbol type, AttributeData sessionAttribute, KnownTypeSymbols knownTypes, CancellationToken cancellationToken)
        {
            var inspection = SessionClassInspector.Inspect(type, sessionAttribute, knownTypes, cancellationToken);
            if (inspection.Problem != SessionClassProblem.None)
            {
                return null;
            }

            var properties = new List<SessionPropertySpec>(inspection.Properties.Length);
            foreach (var property in inspection.Properties)
            {
                if (NeedsImplementation(property)
                    && ParseProperty(property, knownTypes, cancellationToken) is { } spec)
                {
                    properties.Add(spec);
                }
            }

            var containingTypes = new List<ContainingTypeSpec>();
            for (var container = type.ContainingType; container is not null; container = container.ContainingType)
            {
                containingTypes.Insert(0, new ContainingTypeSpec(DeclarationKeyword(container, cancellationToken), DeclaredName(container)));
            }

            var @namespace = type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString(NamespaceFormat) : null;
            return new SessionClassSpec(
                @namespace,
                new EquatableArray<ContainingTypeSpec>(containingTypes),
                DeclaredName(type),
                type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
                HintName(type),
                inspection.EmitFactory,
                inspection.EmitResetCachedValues,
                new EquatableArray<SessionPropertySpec>(properties));
        }

        // Every partial definition without an implementation gets one, served or a placeholder, so that a missing
        // implementation never adds a compiler error to the analyzer's. Left out: types that do not resolve (the
        // compiler already reports them), and by-ref properties and indexers, which a placeholder cannot mirror.
        private static bool NeedsImplementation(SessionPropertyInspection property) => property.Shape switch
        {
            PropertyShapeProblem.None => property.TypeClassification is { Category: not PropertyTypeCategory.Unresolved },
            PropertyShapeProblem.MissingGetter or PropertyShapeProblem.MissingSetter or PropertyShapeProblem.InitOnly or PropertyShapeProblem.Static =>
                property.Property.Type.TypeKind != TypeKind.Error,
            _ => false,
        };

        private static SessionPropertySpec? ParseProperty(SessionPropertyInspection inspection, KnownTypeSymbols knownTypes, CancellationToken cancellationToken)
        {
            var property = inspection.Property;
            if (property.DeclaringSyntaxReferences.Length != 1
                || property.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not PropertyDeclarationSyntax declaration)
            {
                return null;
            }

            string? getterAccessibility = null;
            string? setterAccessibility = null;
            var hasGetter = false;
            string? setterKeyword = null;
            foreach (var accessor in declaration.AccessorList?.Accessors ?? default)
            {
                var accessorAccessibility = accessor.Modifiers.Count == 0 ? null : accessor.Modifiers.ToString();
                if (accessor.IsKind(SyntaxKind.GetAccessorDeclaration))
                {
                    hasGetter = true;
                    getterAccessibility = accessorAccessibility;
                }
                else if (accessor.IsKind(SyntaxKind.SetAccessorDeclaration) || accessor.IsKind(SyntaxKind.InitAccessorDeclaration))
                {
                    setterKeyword = accessor.Keyword.Text;
                    setterAccessibility = accessorAccessibility;
                }
            }

            var modifiers = new StringBuilder();
            var accessibility = new StringBuilder();
            foreach (var modifier in declaration.Modifiers)
            {
                if (modifier.IsKind(SyntaxKind.PartialKeyword))
                {
                    continue;
                }
                modifiers.Append(modifier.Text).Append(' ');
                if (modifier.Kind() is SyntaxKind.PublicKeyword or SyntaxKind.InternalKeyword or SyntaxKind.ProtectedKeyword or SyntaxKind.PrivateKeyword)
                {
                    accessibility.Append(modifier.Text).Append(' ');
                }
            }

            var type = property.Type;
            var access = inspection.IsServable ? JsonObjectShapeParser.WithObjectShape(inspection.TypeClassification!.Value.Access!, type, cancellationToken) : null;
            // Only a codec value migrates: its bytes say which codec wrote them (a fixed width, valid UTF-8, ...).
            var migration = access is { Kind: not ValueAccessKind.Json }
                ? SessionMigrationMethod.Find(property, knownTypes, cancellationToken)?.ToSpec()
                : null;
            return new SessionPropertySpec(
                Name: EscapeIdentifier(property.Name),
                MetadataName: property.Name,
                Key: inspection.Key,
                TypeName: type.ToDisplayString(PropertyTypeClassifier.TypeNameFormat),
                IsNonNullableReference: type.IsReferenceType && type.NullableAnnotation != NullableAnnotation.Annotated,
                Accessibility: accessibility.ToString().TrimEnd(),
                Modifiers: modifiers.ToString().TrimEnd(),
                HasGetter: hasGetter,
                SetterKeyword: setterKeyword,
                GetterAccessibility: getterAccessibility,
                SetterAccessibility: setterAccessibility,
                Access: access,
                UnservableReason: inspection.IsServable ? null : inspection.UnservableReason,
                EmitRemover: inspection.EmitRemover)
            {
                Migration = migration,
            };
        }

        private static string DeclarationKeyword(INamedTypeSymbol type, CancellationToken cancellationToken)
        {
            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                switch (reference.GetSyntax(cancellationToken))
                {
                    case RecordDeclarationSyntax record:
                        return record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword) ? "record struct" : "record";
                    case StructDeclarationSyntax:
                        return "struct";
                    case InterfaceDeclarationSyntax:
                        return "interface";
                    case ClassDeclarationSyntax:
                        return "class";
                }
            }
            return type.TypeKind switch
            {
                TypeKind.Struct => "struct",
                TypeKind.Interface => "interface",
                _ => "class",
            };
        }

        private static string DeclaredName(INamedTypeSymbol type)
        {
            if (type.TypeParameters.IsEmpty)
            {
                return EscapeIdentifier(type.Name);
            }
            var name = new StringBuilder(EscapeIdentifier(type.Name)).Append('<');
            for (var i = 0; i < type.TypeParameters.Length; i++)
            {
                var parameter = type.TypeParameters[i];
                if (i > 0)
                {
                    name.Append(", ");
                }
                name.Append(parameter.Variance switch
                {
                    VarianceKind.In => "in ",
                    VarianceKind.Out => "out ",
                    _ => string.Empty,
                });
                name.Append(EscapeIdentifier(parameter.Name));
            }
            return name.Append('>').ToString();
        }

        // Namespace.Outer.Type.g.cs; generic arity as _N, since hint names allow no angle brackets.
        private static string HintName(INamedTypeSymbol type)
        {
            var parts = new List<string>();
            for (var current = type; current is not null; current = current.ContainingType)
            {
                parts.Insert(0, current.MetadataName.Replace('`', '_'));
            }
            if (type.ContainingNamespace is { IsGlobalNamespace: false } ns)
            {
                parts.Insert(0, ns.ToDisplayString());
            }
            return string.Join(".", parts) + ".g.cs";
        }

        private static string EscapeIdentifier(string name) =>
            SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;
    }
}
