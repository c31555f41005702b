using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using TypedSession.Generator.Parser;

namespace TypedSession.Generator.Analyzers.Declarations;

/// <summary>
/// SESS001-SESS006: explains every <c>[Session]</c> declaration the generator cannot serve. The rules are the
/// generator's own (<see cref="SessionClassInspector"/>), so the analyzer reports exactly what the generator skips or
/// implements as a throwing accessor. Keys are also compared across the compilation's session classes (SESS004),
/// which share the request's one <c>ISession</c>; each class is inspected once for both (<see cref="SessionClassInspections"/>),
/// and the cross-class finding is still reported inside the class it is about, where the IDE shows it as the file is edited.
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
        DiagnosticDescriptors.ReservedMemberName,
        DiagnosticDescriptors.SessionClassNotGeneratable);

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

            var inspections = new SessionClassInspections(start.Compilation, knownTypes, sessionAttribute);
            start.RegisterSymbolAction(symbolContext => AnalyzeType(symbolContext, inspections), SymbolKind.NamedType);
        });
    }

    private static void AnalyzeType(SymbolAnalysisContext context, SessionClassInspections inspections)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (inspections.FindSessionAttribute(type) is not { } attribute || FirstSourceLocation(type) is not { } typeLocation)
        {
            return;
        }

        var cancellationToken = context.CancellationToken;
        var inspection = inspections.Get(type, attribute, cancellationToken);
        switch (inspection.Problem)
        {
            case SessionClassProblem.None:
                break;
            case SessionClassProblem.NotPartial:
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.SessionClassNotPartial, typeLocation, type.Name, inspection.ProblemType?.Name ?? type.Name));
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
            else if (property.TypeClassification is { IsSupported: true } &&
                     inspections.KeyClashes(cancellationToken).OtherClassUsing(property.Property) is { } other)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.DuplicateSessionKey, location, property.Property.Name, property.Key,
                    "'" + other.ContainingType.Name + "." + other.Name + "' with another type"));
            }

            if (property.ReservedNameCollision is { } collision)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ReservedMemberName, location, property.Property.Name, collision));
            }
        }
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
