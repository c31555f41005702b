using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using TypedSession.Generator.Parser;

namespace TypedSession.Generator.Analyzers.Declarations;

/// <summary>
/// SESS001-SESS007: explains every <c>[Session]</c> declaration the generator cannot serve. The rules are the
/// generator's own (<see cref="SessionClassInspector"/>), so the analyzer reports exactly what the generator skips or
/// implements as a throwing accessor. Keys are also compared across the compilation's session classes (SESS004),
/// which share the request's one <c>ISession</c>: each class is inspected once, and the same inspections feed the
/// cross-class key index (<see cref="SessionKeyClashes"/>) at the end of the compilation.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SessionDeclarationAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.SessionClassNotPartial,
        DiagnosticDescriptors.SessionPropertyNotPartial,
        DiagnosticDescriptors.UnsupportedPropertyType,
        DiagnosticDescriptors.DuplicateSessionKey,
        DiagnosticDescriptors.DuplicateSessionKeyAcrossClasses,
        DiagnosticDescriptors.ReservedMemberName,
        DiagnosticDescriptors.SessionClassNotGeneratable,
        DiagnosticDescriptors.NonNullableReferenceProperty);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            var knownTypes = new KnownTypeSymbols(start.Compilation);
            if (knownTypes.SessionAttribute is not { } sessionAttribute)
            {
                return;
            }

            // Each class is inspected once, in its own symbol action, when the compiler has bound it; the key index
            // is built from those inspections at the end instead of binding every class again from the first one.
            var inspections = new ConcurrentQueue<SessionClassInspection>();
            start.RegisterSymbolAction(
                symbolContext => AnalyzeType(symbolContext, sessionAttribute, knownTypes, inspections),
                SymbolKind.NamedType);
            start.RegisterCompilationEndAction(end => ReportKeyClashes(end, inspections));
        });
    }

    private static void AnalyzeType(
        SymbolAnalysisContext context,
        INamedTypeSymbol sessionAttribute,
        KnownTypeSymbols knownTypes,
        ConcurrentQueue<SessionClassInspection> inspections)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (FindAttribute(type, sessionAttribute) is not { } attribute || FirstSourceLocation(type) is not { } typeLocation)
        {
            return;
        }

        var cancellationToken = context.CancellationToken;
        var inspection = SessionClassInspector.Inspect(type, attribute, knownTypes, cancellationToken);
        inspections.Enqueue(inspection);
        switch (inspection.Problem)
        {
            case SessionClassProblem.None:
                break;
            case SessionClassProblem.NotPartial:
                // When the compiler rejects the partial members itself, a command-line build stops before analyzers
                // run: the generator reports SESS001 then (see SessionGenerator), and reporting it here too would show
                // it twice in the editor.
                if (inspection.ProblemType is not { } nonPartial
                    || !SessionClassInspector.CompilerRejectsPartialMembers(type, nonPartial, cancellationToken))
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.SessionClassNotPartial, typeLocation, type.Name, inspection.ProblemType?.Name ?? type.Name));
                }
                return;
            default:
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.SessionClassNotGeneratable, typeLocation, type.Name, ClassProblemReason(inspection)));
                return;
        }

        foreach (var property in inspection.Properties)
        {
            var location = FirstSourceLocation(property.Property);
            if (location is null)
            {
                continue;
            }

            if (property.Shape != PropertyShapeProblem.None)
            {
                if (ShapeProblem(property.Property, property.Shape, cancellationToken) is { } problem)
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.SessionPropertyNotPartial, location, property.Property.Name, type.Name, problem));
                }

                continue;
            }

            if (property.TypeClassification is { IsSupported: false, UnsupportedReason: { } reason })
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.UnsupportedPropertyType,
                    TypeLocation(property.Property, cancellationToken) ?? location,
                    property.Property.Name,
                    property.Property.Type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat),
                    reason));
            }

            if (property.DuplicateKeyOf is { } duplicate)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.DuplicateSessionKey, location, property.Property.Name, property.Key, "'" + duplicate.Name + "'"));
            }

            if (property.ReservedNameCollision is { } collision)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ReservedMemberName, location, property.Property.Name, collision));
            }

            if (property.IsServable && property.IsNonNullableReference)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.NonNullableReferenceProperty,
                    TypeLocation(property.Property, cancellationToken) ?? location,
                    property.Property.Name,
                    property.Property.Type.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat)));
            }
        }
    }

    /// <summary>
    /// SESS004 across classes, for the properties the per-class action reported on (classes without a class problem,
    /// properties without a shape problem or a duplicate key within their class), once each.
    /// </summary>
    private static void ReportKeyClashes(CompilationAnalysisContext context, ConcurrentQueue<SessionClassInspection> inspections)
    {
        if (inspections.Count < 2)
        {
            return;
        }

        // Source order, so that the class a diagnostic names does not depend on which thread inspected first.
        var ordered = inspections.ToArray();
        Array.Sort(ordered, CompareBySource);
        var clashes = SessionKeyClashes.Build(ordered);
        if (clashes.IsEmpty)
        {
            return;
        }

        foreach (var inspection in ordered)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            if (inspection.Problem != SessionClassProblem.None)
            {
                continue;
            }

            foreach (var property in inspection.Properties)
            {
                if (property.DuplicateKeyOf is null &&
                    clashes.OtherClassUsing(property.Property) is { } other &&
                    FirstSourceLocation(property.Property) is { } location)
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.DuplicateSessionKeyAcrossClasses, location, property.Property.Name, property.Key,
                        "'" + other.ContainingType.Name + "." + other.Name + "' with another type"));
                }
            }
        }
    }

    private static int CompareBySource(SessionClassInspection left, SessionClassInspection right)
    {
        var leftLocation = FirstSourceLocation(left.Type);
        var rightLocation = FirstSourceLocation(right.Type);
        var byPath = string.CompareOrdinal(leftLocation?.SourceTree?.FilePath, rightLocation?.SourceTree?.FilePath);
        return byPath != 0 ? byPath : (leftLocation?.SourceSpan.Start ?? 0).CompareTo(rightLocation?.SourceSpan.Start ?? 0);
    }

    /// <summary>The <c>[Session]</c> attribute of <paramref name="type"/>, or null: one symbol comparison per attribute.</summary>
    private static AttributeData? FindAttribute(INamedTypeSymbol type, INamedTypeSymbol sessionAttribute)
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

    private static Location? FirstSourceLocation(ISymbol symbol)
    {
        foreach (var location in symbol.Locations)
        {
            if (location.IsInSource)
            {
                return location;
            }
        }

        return null;
    }

    private static string ClassProblemReason(SessionClassInspection inspection) => inspection.Problem switch
    {
        SessionClassProblem.HasBaseClass => $"it derives from '{inspection.Type.BaseType?.Name}', but its generated part derives from TypedSession.TypedSessionBase; keep shared members in a field or a helper instead",
        SessionClassProblem.IsRecord => "a record cannot derive from TypedSession.TypedSessionBase; declare a class",
        SessionClassProblem.IsStatic => "a static class has no instances, but the session class is created per request; remove 'static'",
        SessionClassProblem.IsAbstract => "an abstract class cannot be created per request; remove 'abstract'",
        SessionClassProblem.IsFileLocal => $"'{inspection.ProblemType?.Name}' is file-local, so the generated file cannot name it; remove the 'file' modifier",
        _ => inspection.Problem.ToString(),
    };

    /// <summary>
    /// The end of SESS002's message, or null when the property is not one to report: a computed property (one with
    /// accessor bodies) is the user's own helper, and an implementation written by hand is the user's choice.
    /// </summary>
    private static string? ShapeProblem(IPropertySymbol property, PropertyShapeProblem shape, CancellationToken cancellationToken) => shape switch
    {
        PropertyShapeProblem.NotPartial when IsAutoProperty(property, cancellationToken) =>
            "is not partial, so its value lives in this object for one request only: declare it 'partial' to store it in the session",
        PropertyShapeProblem.MissingGetter => "needs a 'get' accessor",
        PropertyShapeProblem.MissingSetter => "needs a 'set' accessor",
        PropertyShapeProblem.InitOnly => "has an 'init' accessor: use 'set', because session values change after the object is created",
        PropertyShapeProblem.Static => "is static: session values belong to each request's session, not to the type",
        PropertyShapeProblem.ByRef => "returns by reference: a session value is a decoded copy",
        PropertyShapeProblem.Indexer when property.IsPartialDefinition => "is an indexer: use ISession directly for keys known only at run time",
        _ => null,
    };

    private static bool IsAutoProperty(IPropertySymbol property, CancellationToken cancellationToken)
    {
        foreach (var reference in property.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is not PropertyDeclarationSyntax { ExpressionBody: null, AccessorList: { } accessors } ||
                accessors.Accessors.Any(accessor => accessor.Body is not null || accessor.ExpressionBody is not null))
            {
                return false;
            }
        }

        return !property.DeclaringSyntaxReferences.IsEmpty;
    }

    private static Location? TypeLocation(IPropertySymbol property, CancellationToken cancellationToken) =>
        property.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) is PropertyDeclarationSyntax declaration
            ? declaration.Type.GetLocation()
            : null;
}
