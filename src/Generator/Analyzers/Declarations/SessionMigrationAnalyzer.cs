using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using TypedSession.Generator.Parser;
using TypedSession.Generator.Schema;

namespace TypedSession.Generator.Analyzers.Declarations;

/// <summary>
/// SESS008: a <c>Migrate{Property}</c> method of a <c>[Session]</c> class that the generator does not call, because it
/// does not have the shape of a migration (<see cref="SessionMigrationMethod"/>): without this, a migration written
/// slightly wrong would be ignored in silence and live sessions would read the default after the deploy.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SessionMigrationAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.MigrationMethodNotUsed);

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
            start.RegisterSymbolAction(symbolContext => AnalyzeType(symbolContext, sessionAttribute, knownTypes), SymbolKind.NamedType);
        });
    }

    private static void AnalyzeType(SymbolAnalysisContext context, INamedTypeSymbol sessionAttribute, KnownTypeSymbols knownTypes)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (CurrentSessionSchema.FindAttribute(type, sessionAttribute) is null)
        {
            return;
        }
        foreach (var member in type.GetMembers())
        {
            if (member is not IMethodSymbol { MethodKind: MethodKind.Ordinary } method
                || !method.Name.StartsWith(SessionMigrationMethod.Prefix, StringComparison.Ordinal)
                || method.Name.Length == SessionMigrationMethod.Prefix.Length
                || FindProperty(type, method.Name.Substring(SessionMigrationMethod.Prefix.Length)) is not { } property
                || SessionMigrationMethod.Find(property, knownTypes, context.CancellationToken) is not null
                || SessionMigrationMethod.Check(method, property, knownTypes, out _) is not { } problem)
            {
                continue;
            }
            foreach (var location in method.Locations)
            {
                if (location.IsInSource)
                {
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.MigrationMethodNotUsed, location, method.Name, property.Name, problem));
                    break;
                }
            }
        }
    }

    private static IPropertySymbol? FindProperty(INamedTypeSymbol type, string name)
    {
        foreach (var member in type.GetMembers(name))
        {
            if (member is IPropertySymbol property)
            {
                return property;
            }
        }
        return null;
    }
}
