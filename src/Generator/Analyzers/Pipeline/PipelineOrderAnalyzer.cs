using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace TypedSession.Generator.Analyzers.Pipeline;

/// <summary>
/// SESS011 (middleware that uses the session registered before <c>UseSession()</c>) and SESS012 (<c>UseSession()</c> after
/// a terminal <c>Run(...)</c>, an explicit <c>UseEndpoints(...)</c> or the server start). Only straight-line calls on the
/// same builder in the same top-level program or method body are compared; calls inside branches, loops and lambdas
/// are never reported, and an earlier <c>UseSession()</c> anywhere in the body silences SESS011.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PipelineOrderAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property telling the code fix what it may do.</summary>
    internal const string FixKey = "TypedSession.Fix";

    /// <summary><see cref="FixKey"/> value: the <c>UseSession()</c> statement (additional location 0) can move before the reported call's statement.</summary>
    internal const string MoveUseSessionBefore = "MoveUseSessionBefore";

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.MiddlewareBeforeUseSession,
        DiagnosticDescriptors.UseSessionAfterTerminal);

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

            var sessionAccess = new SessionAccessFinder(symbols);
            sessionAccess.RegisterIndex(start);
            var classifier = new PipelineCallClassifier(symbols, sessionAccess);
            var waitingForBodies = new ConcurrentQueue<WaitingMiddleware>();

            start.RegisterOperationBlockStartAction(block =>
            {
                var calls = new ConcurrentQueue<PipelineCall>();
                block.RegisterOperationAction(
                    operationContext =>
                    {
                        if (classifier.TryClassify((IInvocationOperation)operationContext.Operation, operationContext.CancellationToken, out var call))
                        {
                            calls.Enqueue(call);
                        }
                    },
                    OperationKind.Invocation);
                block.RegisterOperationBlockEndAction(end => AnalyzeBlock(end, calls, waitingForBodies));
            });

            start.RegisterCompilationEndAction(end =>
            {
                foreach (var waiting in waitingForBodies)
                {
                    if (waiting.Middleware.UndecidedMethods.Any(method => sessionAccess.MembersUsingSession.ContainsKey(method)))
                    {
                        end.ReportDiagnostic(MiddlewareBeforeUseSession(waiting.Middleware, waiting.UseSession, waiting.FirstOffender));
                    }
                }
            });
        });
    }

    private static void AnalyzeBlock(
        OperationBlockAnalysisContext context,
        ConcurrentQueue<PipelineCall> calls,
        ConcurrentQueue<WaitingMiddleware> waitingForBodies)
    {
        var ordered = calls.OrderBy(call => call.Order).ToArray();
        var allUseSessions = ordered.Where(call => call.Kind == PipelineCallKind.UseSession).ToArray();
        if (allUseSessions.Length == 0)
        {
            return;
        }

        foreach (var pipeline in ordered.Where(call => call.IsStraightLine).GroupBy(call => (call.Container, call.Root), PipelineKey.Comparer))
        {
            var steps = pipeline.ToArray();
            foreach (var useSession in steps.Where(step => step.Kind == PipelineCallKind.UseSession))
            {
                var terminal = steps.FirstOrDefault(step => step.IsTerminal && step.Order < useSession.Order);
                if (terminal is not null)
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.UseSessionAfterTerminal,
                        PipelineLocations.Of(useSession.Invocation.Syntax),
                        additionalLocations: new[] { PipelineLocations.Of(terminal.Invocation.Syntax) },
                        properties: MoveProperties(useSession, terminal),
                        PipelineLocations.Describe(terminal)));
                }
            }

            var firstUseSession = steps.FirstOrDefault(step => step.Kind == PipelineCallKind.UseSession);
            if (firstUseSession is null)
            {
                continue;
            }

            var offenders = steps
                .Where(step =>
                    step.Order < firstUseSession.Order &&
                    step.Kind == PipelineCallKind.Middleware &&
                    step.SessionUse != SessionUse.None &&
                    !allUseSessions.Any(useSession => useSession.Order < step.Order))
                .ToArray();
            if (offenders.Length == 0)
            {
                continue;
            }

            // Every diagnostic of the pipeline names the same destination for UseSession(): before the first offender.
            var firstOffender = offenders[0];
            foreach (var middleware in offenders)
            {
                if (middleware.SessionUse == SessionUse.Uses)
                {
                    context.ReportDiagnostic(MiddlewareBeforeUseSession(middleware, firstUseSession, firstOffender));
                }
                else
                {
                    waitingForBodies.Enqueue(new WaitingMiddleware(middleware, firstUseSession, firstOffender));
                }
            }
        }
    }

    private static Diagnostic MiddlewareBeforeUseSession(PipelineCall middleware, PipelineCall useSession, PipelineCall firstOffender) =>
        Diagnostic.Create(
            DiagnosticDescriptors.MiddlewareBeforeUseSession,
            PipelineLocations.Of(middleware.Invocation.Syntax),
            additionalLocations: new[] { PipelineLocations.Of(useSession.Invocation.Syntax), PipelineLocations.Of(firstOffender.Invocation.Syntax) },
            properties: MoveProperties(useSession, firstOffender),
            PipelineLocations.Describe(middleware));

    /// <summary>Offers the move only when <c>UseSession()</c> is a statement of its own in the same body as the target.</summary>
    private static ImmutableDictionary<string, string?> MoveProperties(PipelineCall useSession, PipelineCall target) =>
        useSession.IsWholeStatement && target.Statement is not null && target.Statement != useSession.Statement
            ? ImmutableDictionary<string, string?>.Empty.Add(FixKey, MoveUseSessionBefore)
            : ImmutableDictionary<string, string?>.Empty;

    /// <summary>A middleware whose session use is decided by a method body in another file.</summary>
    private sealed class WaitingMiddleware
    {
        public WaitingMiddleware(PipelineCall middleware, PipelineCall useSession, PipelineCall firstOffender)
        {
            Middleware = middleware;
            UseSession = useSession;
            FirstOffender = firstOffender;
        }

        public PipelineCall Middleware { get; }

        public PipelineCall UseSession { get; }

        public PipelineCall FirstOffender { get; }
    }

    private sealed class PipelineKey : IEqualityComparer<(SyntaxNode? Container, ISymbol? Root)>
    {
        public static readonly PipelineKey Comparer = new();

        public bool Equals((SyntaxNode? Container, ISymbol? Root) x, (SyntaxNode? Container, ISymbol? Root) y) =>
            x.Container == y.Container && SymbolEqualityComparer.Default.Equals(x.Root, y.Root);

        public int GetHashCode((SyntaxNode? Container, ISymbol? Root) key) =>
            (key.Container?.GetHashCode() ?? 0) ^ SymbolEqualityComparer.Default.GetHashCode(key.Root);
    }
}
