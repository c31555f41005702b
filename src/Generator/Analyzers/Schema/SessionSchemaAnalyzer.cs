using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using TypedSession.Generator.Parser;
using TypedSession.Generator.Schema;

namespace TypedSession.Generator.Analyzers.Schema;

/// <summary>
/// SESS040-SESS042: compares each <c>[Session]</c> class with the project's shipped schema
/// (<see cref="SessionSchemaFile"/>), and says what a change does to the sessions that are live when it is deployed.
/// Opt-in: without the file the analyzer registers nothing. Each class is compared in its own symbol action from the
/// generator's own inspection; only classes the file lists but the code no longer declares need the whole compilation.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SessionSchemaAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The property of SESS041 that holds the argument for <c>[SessionKey("...")]</c>, when a property can keep the key.</summary>
    public const string SessionKeyProperty = "SessionKey";

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.ShippedKeyEncodingChanged,
        DiagnosticDescriptors.ShippedKeyRemoved,
        DiagnosticDescriptors.SessionSchemaNotShipped);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            AdditionalText? file = null;
            foreach (var additional in start.Options.AdditionalFiles)
            {
                if (SessionSchemaFile.IsSchemaFile(additional.Path))
                {
                    file = additional;
                    break;
                }
            }
            var knownTypes = new KnownTypeSymbols(start.Compilation);
            if (file?.GetText(start.CancellationToken) is not { } text || knownTypes.SessionAttribute is not { } sessionAttribute)
            {
                return;
            }

            var shipped = SessionSchema.Parse(text.ToString());
            start.RegisterSymbolAction(
                symbolContext => AnalyzeType(symbolContext, shipped, sessionAttribute, knownTypes),
                SymbolKind.NamedType);
            start.RegisterAdditionalFileAction(fileContext =>
            {
                if (fileContext.AdditionalFile == file)
                {
                    ReportRemovedClasses(fileContext, text, shipped, start.Compilation, sessionAttribute);
                }
            });
        });
    }

    private static void AnalyzeType(SymbolAnalysisContext context, SessionSchema shipped, INamedTypeSymbol sessionAttribute, KnownTypeSymbols knownTypes)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (CurrentSessionSchema.FindAttribute(type, sessionAttribute) is not { } attribute || FirstSourceLocation(type) is not { } typeLocation)
        {
            return;
        }
        var cancellationToken = context.CancellationToken;
        var inspection = SessionClassInspector.Inspect(type, attribute, knownTypes, cancellationToken);
        if (CurrentSessionSchema.Of(inspection, cancellationToken) is not { } current)
        {
            return;
        }
        if (shipped.Find(current.ClassName) is not { } shippedClass)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.SessionSchemaNotShipped, typeLocation, type.Name, "the class is not listed yet"));
            return;
        }

        var byKey = new Dictionary<string, SessionPropertyInspection>(StringComparer.Ordinal);
        foreach (var property in inspection.Properties)
        {
            if (property.IsServable && !byKey.ContainsKey(property.Key))
            {
                byKey.Add(property.Key, property);
            }
        }

        var compatibleChanges = new List<string>();
        foreach (var shippedKey in shippedClass.Keys)
        {
            if (!byKey.TryGetValue(shippedKey.Key, out var property))
            {
                ReportRemovedKey(context, shippedKey, current, shippedClass, byKey, inspection.Arguments.KeyPrefix, typeLocation, type.Name);
                continue;
            }
            var encoding = CurrentSessionSchema.Encoding(property, cancellationToken);
            var migratedFrom = SessionMigrationMethod.Find(property.Property, knownTypes, cancellationToken) is { } migration
                ? KeyEncoding.From(migration.FormerAccess, isNullable: false)
                : null;
            var comparison = EncodingCompatibility.Compare(shippedKey.Encoding, encoding, migratedFrom);
            switch (comparison.Change)
            {
                case EncodingChange.Breaking:
                    context.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.ShippedKeyEncodingChanged,
                        FirstSourceLocation(property.Property) ?? typeLocation,
                        shippedKey.Key,
                        type.Name,
                        shippedKey.Encoding,
                        encoding,
                        comparison.Reason));
                    break;
                case EncodingChange.Compatible:
                    compatibleChanges.Add($"'{shippedKey.Key}': {shippedKey.Encoding} to {encoding}");
                    break;
            }
        }
        foreach (var key in current.Keys)
        {
            if (shippedClass.Find(key.Key) is null)
            {
                compatibleChanges.Add($"new key '{key.Key}'");
            }
        }
        if (compatibleChanges.Count > 0)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.SessionSchemaNotShipped, typeLocation, type.Name, string.Join(", ", compatibleChanges)));
        }
    }

    // A shipped key no property stores. The property that most likely took its place is a new key (not shipped) whose
    // encoding reads the old bytes: when there is exactly one, the diagnostic points at it and the fix keeps the key.
    private static void ReportRemovedKey(
        SymbolAnalysisContext context,
        SchemaKey shippedKey,
        SessionSchemaClass current,
        SessionSchemaClass shippedClass,
        Dictionary<string, SessionPropertyInspection> byKey,
        string? keyPrefix,
        Location typeLocation,
        string typeName)
    {
        var prefix = keyPrefix ?? string.Empty;
        SessionPropertyInspection? successor = null;
        var candidates = 0;
        if (shippedKey.Key.StartsWith(prefix, StringComparison.Ordinal))
        {
            foreach (var key in current.Keys)
            {
                if (shippedClass.Find(key.Key) is null
                    && EncodingCompatibility.Compare(shippedKey.Encoding, key.Encoding, null).Change != EncodingChange.Breaking)
                {
                    successor = byKey[key.Key];
                    candidates++;
                }
            }
        }
        if (candidates == 1 && successor is not null && FirstSourceLocation(successor.Property) is { } location)
        {
            var sessionKey = shippedKey.Key.Substring(prefix.Length);
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.ShippedKeyRemoved,
                location,
                ImmutableDictionary<string, string?>.Empty.Add(SessionKeyProperty, sessionKey),
                shippedKey.Key,
                shippedKey.Encoding,
                typeName,
                $"; if '{successor.Property.Name}' took its place, keep the key with [SessionKey(\"{sessionKey}\")]"));
            return;
        }
        context.ReportDiagnostic(Diagnostic.Create(
            DiagnosticDescriptors.ShippedKeyRemoved, typeLocation, shippedKey.Key, shippedKey.Encoding, typeName, string.Empty));
    }

    // Classes the file lists that the compilation no longer declares (renamed, moved to another namespace, removed):
    // every key of theirs is reported at the class's line of the file.
    private static void ReportRemovedClasses(
        AdditionalFileAnalysisContext context, SourceText text, SessionSchema shipped, Compilation compilation, INamedTypeSymbol sessionAttribute)
    {
        var declared = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (type, _) in CurrentSessionSchema.SessionClasses(compilation, sessionAttribute, context.CancellationToken))
        {
            declared.Add(CurrentSessionSchema.ClassName(type));
        }
        foreach (var shippedClass in shipped.Classes)
        {
            if (declared.Contains(shippedClass.ClassName) || shippedClass.Line < 0 || shippedClass.Line >= text.Lines.Count)
            {
                continue;
            }
            var line = text.Lines[shippedClass.Line];
            var location = Location.Create(context.AdditionalFile.Path, line.Span, text.Lines.GetLinePositionSpan(line.Span));
            foreach (var key in shippedClass.Keys)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.ShippedKeyRemoved, location, key.Key, key.Encoding, shippedClass.ClassName,
                    "; the class is no longer declared"));
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
}
