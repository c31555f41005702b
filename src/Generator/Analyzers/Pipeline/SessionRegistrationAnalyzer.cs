using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace TypedSession.Generator.Analyzers.Pipeline;

/// <summary>
/// SESS010 (session used, <c>UseSession()</c> never called), SESS013 (<c>UseSession()</c> without <c>AddSession()</c>)
/// and SESS014 (<c>AddSession()</c> without an <c>IDistributedCache</c>). Each needs the whole compilation, so facts are
/// gathered from every file and the rules run at its end. The rules stay silent whenever the missing piece may come
/// from somewhere the analyzer cannot see: TypedSession's own registrations (which include the engine and an
/// in-memory cache), a library method from an assembly that references the session middleware, any cache
/// registration it does not know.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SessionRegistrationAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property telling the code fix what it may do.</summary>
    internal const string FixKey = "TypedSession.Fix";

    /// <summary>SESS010: insert <c>{Receiver}.UseSession();</c> before (or after) the statement of the diagnostic's location.</summary>
    internal const string InsertUseSession = "InsertUseSession";

    /// <summary>SESS013: add <c>{Services}.AddSession();</c> at additional location 0.</summary>
    internal const string InsertAddSession = "InsertAddSession";

    /// <summary>SESS014: add <c>AddDistributedMemoryCache()</c> to the reported <c>AddSession()</c> call.</summary>
    internal const string AddDistributedMemoryCache = "AddDistributedMemoryCache";

    internal const string ReceiverKey = "TypedSession.Receiver";
    internal const string InsertAfterKey = "TypedSession.InsertAfter";
    internal const string ServicesKey = "TypedSession.Services";
    internal const string AppendToBodyKey = "TypedSession.AppendToBody";

    private const string SessionAssemblyName = "Microsoft.AspNetCore.Session";

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.UseSessionMissing,
        DiagnosticDescriptors.AddSessionMissing,
        DiagnosticDescriptors.DistributedCacheMissing);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            var symbols = SessionSymbols.Create(start.Compilation);
            if (!symbols.HasSessionMiddleware)
            {
                return;
            }

            var compilation = start.Compilation;
            var index = new CompilationSessionIndexCache(compilation, symbols);
            var sessionAccess = new SessionAccessFinder(symbols);
            var classifier = new PipelineCallClassifier(symbols, sessionAccess);
            var libraries = new ConcurrentDictionary<IAssemblySymbol, bool>(SymbolEqualityComparer.Default);

            // Facts are gathered per type, so that every diagnostic is reported inside the type it is about (a local
            // diagnostic, which the IDE can offer a code fix for); the rest of the compilation is consulted through
            // the index, which only ever silences a rule.
            start.RegisterSymbolStartAction(
                symbolStart =>
                {
                    var type = (INamedTypeSymbol)symbolStart.Symbol;
                    var facts = new SessionRegistrationFacts();
                    CollectConfigureServicesSites(type, symbols, facts, symbolStart.CancellationToken);

                    symbolStart.RegisterOperationAction(
                        operationContext => AnalyzeInvocation((IInvocationOperation)operationContext.Operation, compilation, symbols, facts, libraries),
                        OperationKind.Invocation);
                    symbolStart.RegisterOperationAction(
                        operationContext => AnalyzeMethodReference((IMethodReferenceOperation)operationContext.Operation, symbols, facts),
                        OperationKind.MethodReference);
                    symbolStart.RegisterOperationAction(
                        operationContext =>
                        {
                            if (IsCacheOrStoreType(((ITypeOfOperation)operationContext.Operation).TypeOperand, symbols))
                            {
                                facts.MarkDistributedCacheRegistered();
                            }
                        },
                        OperationKind.TypeOf);
                    symbolStart.RegisterOperationAction(
                        operationContext =>
                        {
                            var reference = (IPropertyReferenceOperation)operationContext.Operation;
                            if (symbols.Session.Is(reference.Property.Type))
                            {
                                facts.SessionUses.Enqueue((reference.Syntax.GetLocation(), reference.Property.ContainingType.Name + "." + reference.Property.Name));
                            }
                        },
                        OperationKind.PropertyReference);
                    symbolStart.RegisterOperationBlockStartAction(block =>
                    {
                        var calls = new ConcurrentQueue<PipelineCall>();
                        block.RegisterOperationAction(
                            operationContext =>
                            {
                                if (classifier.TryClassify((IInvocationOperation)operationContext.Operation, operationContext.CancellationToken, out var call) && call.IsStraightLine)
                                {
                                    calls.Enqueue(call);
                                }
                            },
                            OperationKind.Invocation);
                        block.RegisterOperationBlockEndAction(_ => CollectEntryPipelines(calls, block.OwningSymbol, symbols, facts));
                    });
                    symbolStart.RegisterSymbolEndAction(end => Report(end, type, facts, index));
                },
                SymbolKind.NamedType);
        });
    }

    private static void AnalyzeInvocation(
        IInvocationOperation invocation,
        Compilation compilation,
        SessionSymbols symbols,
        SessionRegistrationFacts facts,
        ConcurrentDictionary<IAssemblySymbol, bool> libraries)
    {
        var method = SessionSymbols.Declared(invocation.TargetMethod);
        if (IsUseSession(method, symbols))
        {
            facts.UseSessionCalls.Enqueue(PipelineLocations.Of(invocation.Syntax));
            return;
        }

        if (IsAddSession(method, symbols))
        {
            facts.AddSessionCalls.Enqueue(PipelineLocations.Of(invocation.Syntax));
            return;
        }

        if (SessionSymbols.IsDeclaredBy(method, symbols.TypedSessionServiceCollectionExtensions) ||
            SessionSymbols.IsDeclaredBy(method, symbols.TypedSessionEngineServiceCollectionExtensions))
        {
            // The engine: data protection, options, an in-memory IDistributedCache and ISessionStore.
            facts.MarkSessionServicesRegistered();
            facts.MarkDistributedCacheRegistered();
            if (method.Name == "AddTypedSession" && invocation.TargetMethod.TypeArguments.Length == 1)
            {
                facts.SessionUses.Enqueue((PipelineLocations.Of(invocation.Syntax), "AddTypedSession<" + invocation.TargetMethod.TypeArguments[0].Name + ">()"));
            }

            return;
        }

        if (SessionSymbols.IsDeclaredBy(method, symbols.WebApplicationBuilder) && method.Name == "Build" && invocation.Instance is { } builder &&
            PipelineCallClassifier.StraightLineContainer(invocation.Syntax, out _) is not null)
        {
            facts.ServiceSites.Enqueue(new ServiceRegistrationSite(invocation.Syntax.GetLocation(), builder.Syntax.ToString() + ".Services", appendToBody: false));
        }

        if (RegistersDistributedCache(invocation, method, symbols))
        {
            facts.MarkDistributedCacheRegistered();
        }

        var assembly = method.ContainingAssembly;
        if (assembly is not null && !SymbolEqualityComparer.Default.Equals(assembly, compilation.Assembly) &&
            libraries.GetOrAdd(assembly, MayConfigureSession))
        {
            facts.MarkSessionServicesRegistered();
            facts.MarkUseSessionMayBeCalledElsewhere();
        }
    }

    private static void AnalyzeMethodReference(IMethodReferenceOperation reference, SessionSymbols symbols, SessionRegistrationFacts facts)
    {
        var method = SessionSymbols.Declared(reference.Method);
        if (IsUseSession(method, symbols))
        {
            facts.UseSessionCalls.Enqueue(reference.Syntax.GetLocation());
        }
        else if (IsAddSession(method, symbols))
        {
            facts.AddSessionCalls.Enqueue(reference.Syntax.GetLocation());
        }
    }

    private static void CollectConfigureServicesSites(INamedTypeSymbol type, SessionSymbols symbols, SessionRegistrationFacts facts, System.Threading.CancellationToken cancellationToken)
    {
        foreach (var member in type.GetMembers("ConfigureServices"))
        {
            if (member is not IMethodSymbol { IsStatic: false } method ||
                method.Parameters.FirstOrDefault(parameter => symbols.ServiceCollection.Is(parameter.Type)) is not { } services)
            {
                continue;
            }

            foreach (var reference in method.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken) is MethodDeclarationSyntax { Body: { } body })
                {
                    facts.ServiceSites.Enqueue(new ServiceRegistrationSite(body.GetLocation(), services.Name, appendToBody: true));
                }
            }
        }
    }

    /// <summary>
    /// Records the pipelines of an application: a <c>WebApplication</c> local, or the <c>IApplicationBuilder</c>
    /// parameter of a <c>Configure</c> method. Helper methods that receive a builder are not entry points.
    /// </summary>
    private static void CollectEntryPipelines(ConcurrentQueue<PipelineCall> calls, ISymbol owner, SessionSymbols symbols, SessionRegistrationFacts facts)
    {
        foreach (var pipeline in calls.GroupBy(call => call.Root!, SymbolEqualityComparer.Default))
        {
            var isEntry = pipeline.Key switch
            {
                ILocalSymbol local => symbols.WebApplication.Is(local.Type),
                IParameterSymbol parameter => owner is IMethodSymbol { Name: "Configure" } &&
                                              symbols.ApplicationBuilder.Is(parameter.Type),
                _ => false,
            };
            if (!isEntry)
            {
                continue;
            }

            var steps = pipeline.OrderBy(call => call.Order).ToArray();
            var anchor = steps.FirstOrDefault(step =>
                step.IsTerminal ||
                step.Kind is PipelineCallKind.EndpointMapping or PipelineCallKind.UseEndpoints ||
                (step.Kind == PipelineCallKind.Middleware && step.SessionUse == SessionUse.Uses));
            var insertAfter = anchor is null;
            anchor ??= steps[steps.Length - 1];
            facts.EntryPipelines.Enqueue(new EntryPipeline(PipelineLocations.Of(anchor.Invocation.Syntax), pipeline.Key.Name, insertAfter));
        }
    }

    private static void Report(SymbolAnalysisContext context, INamedTypeSymbol type, SessionRegistrationFacts facts, CompilationSessionIndexCache indexCache)
    {
        var useSessionCalls = SessionRegistrationFacts.Ordered(facts.UseSessionCalls).ToArray();
        var addSessionCalls = SessionRegistrationFacts.Ordered(facts.AddSessionCalls).ToArray();
        var pipelines = facts.EntryPipelines.ToArray();
        var needsAddSessionCheck = useSessionCalls.Length > 0 && addSessionCalls.Length == 0 && !facts.SessionServicesRegistered;
        var needsCacheCheck = addSessionCalls.Length > 0 && !facts.DistributedCacheRegistered;
        var needsUseSessionCheck = pipelines.Length > 0 && useSessionCalls.Length == 0 && !facts.UseSessionMayBeCalledElsewhere;
        if (!needsAddSessionCheck && !needsCacheCheck && !needsUseSessionCheck)
        {
            return;
        }

        var cancellationToken = context.CancellationToken;
        var index = indexCache.Get(cancellationToken);

        if (needsAddSessionCheck &&
            !index.OccursOutside(SessionName.AddSession, type, cancellationToken) &&
            !index.OccursOutside(SessionName.TypedSessionEngine, type, cancellationToken))
        {
            var site = facts.ServiceSites
                .OrderBy(candidate => candidate.Anchor.SourceTree == useSessionCalls[0].SourceTree ? 0 : 1)
                .ThenBy(candidate => candidate.Anchor.SourceTree?.FilePath, StringComparer.Ordinal)
                .ThenBy(candidate => candidate.Anchor.SourceSpan.Start)
                .FirstOrDefault();
            var properties = site is null
                ? ImmutableDictionary<string, string?>.Empty
                : ImmutableDictionary<string, string?>.Empty
                    .Add(FixKey, InsertAddSession)
                    .Add(ServicesKey, site.ServicesExpression)
                    .Add(AppendToBodyKey, site.AppendToBody ? "true" : "false");
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.AddSessionMissing,
                useSessionCalls[0],
                additionalLocations: site is null ? null : new[] { site.Anchor },
                properties: properties));
        }

        if (needsCacheCheck &&
            !index.ImplementsCacheOrStore &&
            !index.OccursOutside(SessionName.DistributedCache, type, cancellationToken) &&
            !index.OccursOutside(SessionName.TypedSessionEngine, type, cancellationToken))
        {
            var properties = ImmutableDictionary<string, string?>.Empty.Add(FixKey, AddDistributedMemoryCache);
            foreach (var addSession in addSessionCalls)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.DistributedCacheMissing, addSession, properties));
            }
        }

        if (!needsUseSessionCheck || index.OccursOutside(SessionName.UseSession, type, cancellationToken))
        {
            return;
        }

        var uses = facts.SessionUses
            .OrderBy(use => use.Location.SourceTree?.FilePath, StringComparer.Ordinal)
            .ThenBy(use => use.Location.SourceSpan.Start)
            .Concat(index.SessionClasses
                .SelectMany(sessionClass => sessionClass.Locations
                    .Where(location => location.IsInSource)
                    .Take(1)
                    .Select(location => (Location: location, Description: "the [Session] class '" + sessionClass.Name + "'")))
                .OrderBy(use => use.Location.SourceTree?.FilePath, StringComparer.Ordinal)
                .ThenBy(use => use.Location.SourceSpan.Start))
            .FirstOrDefault();
        if (uses.Description is null)
        {
            return;
        }

        foreach (var pipeline in pipelines.OrderBy(p => p.Anchor.SourceTree?.FilePath, StringComparer.Ordinal).ThenBy(p => p.Anchor.SourceSpan.Start))
        {
            var properties = ImmutableDictionary<string, string?>.Empty
                .Add(FixKey, InsertUseSession)
                .Add(ReceiverKey, pipeline.Receiver)
                .Add(InsertAfterKey, pipeline.InsertAfterAnchor ? "true" : "false");
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.UseSessionMissing,
                pipeline.Anchor,
                additionalLocations: new[] { uses.Location },
                properties: properties,
                uses.Description,
                pipeline.Receiver));
        }
    }

    private static bool IsUseSession(IMethodSymbol method, SessionSymbols symbols) =>
        method.Name == "UseSession" && SessionSymbols.IsDeclaredBy(method, symbols.SessionMiddlewareExtensions);

    private static bool IsAddSession(IMethodSymbol method, SessionSymbols symbols) =>
        method.Name == "AddSession" && SessionSymbols.IsDeclaredBy(method, symbols.SessionServiceCollectionExtensions);

    private static bool IsCacheOrStoreType(ITypeSymbol? type, SessionSymbols symbols) =>
        type is not null &&
        (symbols.DistributedCache.Is(type) || symbols.SessionStore.Is(type));

    /// <summary>
    /// Conservative: <c>AddDistributedMemoryCache()</c>, a registration naming <c>IDistributedCache</c> or
    /// <c>ISessionStore</c>, and any call whose name contains "Cache" (<c>AddStackExchangeRedisCache</c>,
    /// <c>AddDistributedSqlServerCache</c>, a library's own) or that returns <c>IServiceCollection</c> from a cache
    /// package. Only the framework's caches that are not distributed (<c>AddMemoryCache</c>, output and response
    /// caching, <c>HybridCache</c>) do not count.
    /// </summary>
    private static bool RegistersDistributedCache(IInvocationOperation invocation, IMethodSymbol method, SessionSymbols symbols)
    {
        if (SessionSymbols.IsDeclaredBy(method, symbols.MemoryCacheServiceCollectionExtensions))
        {
            return method.Name == "AddDistributedMemoryCache";
        }

        foreach (var typeArgument in invocation.TargetMethod.TypeArguments)
        {
            if (IsCacheOrStoreType(typeArgument, symbols))
            {
                return true;
            }
        }

        var assemblyName = method.ContainingAssembly?.Name ?? string.Empty;
        if (IsFrameworkCacheWithoutDistributedCache(assemblyName))
        {
            return false;
        }

        if (method.Name.IndexOf("Cache", StringComparison.OrdinalIgnoreCase) >= 0)
        {
            return true;
        }

        return assemblyName.IndexOf("Cach", StringComparison.OrdinalIgnoreCase) >= 0 &&
               symbols.ServiceCollection.Is(method.ReturnType);
    }

    private static bool IsFrameworkCacheWithoutDistributedCache(string assemblyName) =>
        assemblyName.StartsWith("Microsoft.AspNetCore.", StringComparison.Ordinal) ||
        assemblyName is "Microsoft.Extensions.Caching.Memory" or "Microsoft.Extensions.Caching.Abstractions" or "Microsoft.Extensions.Caching.Hybrid";

    /// <summary>
    /// A library outside the framework that references the session middleware's assembly may call <c>AddSession()</c>
    /// or <c>UseSession()</c> inside its own extension methods.
    /// </summary>
    private static bool MayConfigureSession(IAssemblySymbol assembly)
    {
        var name = assembly.Name;
        if (name.StartsWith("Microsoft.AspNetCore.", StringComparison.Ordinal) || name.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal) ||
            name.StartsWith("System.", StringComparison.Ordinal) || name is "System" or "mscorlib" or "netstandard" or "TypedSession")
        {
            return false;
        }

        foreach (var module in assembly.Modules)
        {
            foreach (var referenced in module.ReferencedAssemblies)
            {
                if (referenced.Name == SessionAssemblyName)
                {
                    return true;
                }
            }
        }

        return false;
    }
}
