using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace TypedSession.Generator.Analyzers.Usage;

/// <summary>
/// SESS020: a session value written after the same method (or lambda) has started the response. Only a start that
/// runs unconditionally (not inside a branch, loop, <c>try</c> or nested lambda) counts, and only a write that comes
/// after it in the same body, so a write that may happen without the start is never reported.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ResponseStartedSessionWriteAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.SessionWrittenAfterResponseStarted);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            var symbols = SessionSymbols.Create(start.Compilation);
            if (symbols.HttpResponse.Symbol is null || (symbols.Session.Symbol is null && symbols.SessionAttribute.Symbol is null))
            {
                return;
            }

            start.RegisterOperationBlockStartAction(block =>
            {
                var starts = new ConcurrentQueue<IInvocationOperation>();
                var writes = new ConcurrentQueue<IOperation>();
                block.RegisterOperationAction(
                    operationContext =>
                    {
                        var invocation = (IInvocationOperation)operationContext.Operation;
                        if (StartsResponse(invocation, symbols))
                        {
                            starts.Enqueue(invocation);
                        }
                        else if (WritesSession(invocation, symbols))
                        {
                            writes.Enqueue(invocation);
                        }
                    },
                    OperationKind.Invocation);
                block.RegisterOperationAction(
                    operationContext =>
                    {
                        var target = operationContext.Operation switch
                        {
                            IAssignmentOperation assignment => assignment.Target,
                            IIncrementOrDecrementOperation increment => increment.Target,
                            _ => null,
                        };
                        if (target is IPropertyReferenceOperation property && symbols.IsSessionClass(property.Property.ContainingType))
                        {
                            writes.Enqueue(operationContext.Operation);
                        }
                    },
                    OperationKind.SimpleAssignment,
                    OperationKind.CompoundAssignment,
                    OperationKind.CoalesceAssignment,
                    OperationKind.Increment,
                    OperationKind.Decrement);
                block.RegisterOperationBlockEndAction(end => Report(end, starts, writes));
            });
        });
    }

    private static void Report(OperationBlockAnalysisContext context, ConcurrentQueue<IInvocationOperation> starts, ConcurrentQueue<IOperation> writes)
    {
        if (starts.IsEmpty || writes.IsEmpty)
        {
            return;
        }

        var unconditionalStarts = starts
            .Where(IsUnconditional)
            .OrderBy(start => start.Syntax.SpanStart)
            .ToArray();
        foreach (var write in writes.OrderBy(write => write.Syntax.SpanStart))
        {
            var body = EnclosingBody(write);
            var start = unconditionalStarts.FirstOrDefault(candidate =>
                candidate.Syntax.Span.End <= write.Syntax.SpanStart && EnclosingBody(candidate) == body);
            if (start is not null)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.SessionWrittenAfterResponseStarted,
                    write.Syntax.GetLocation(),
                    additionalLocations: new[] { start.Syntax.GetLocation() },
                    properties: null,
                    start.TargetMethod.Name));
            }
        }
    }

    /// <summary>
    /// <c>Response.WriteAsync</c>, <c>WriteAsJsonAsync</c>, <c>SendFileAsync</c>, <c>StartAsync</c>,
    /// <c>CompleteAsync</c>, a write or flush of <c>Response.Body</c> or <c>Response.BodyWriter</c>, and
    /// <c>IResult.ExecuteAsync</c>.
    /// </summary>
    private static bool StartsResponse(IInvocationOperation invocation, SessionSymbols symbols)
    {
        var method = SessionSymbols.Declared(invocation.TargetMethod);
        if (SessionSymbols.IsDeclaredBy(method, symbols.HttpResponseWritingExtensions) ||
            SessionSymbols.IsDeclaredBy(method, symbols.HttpResponseJsonExtensions) ||
            SessionSymbols.IsDeclaredBy(method, symbols.SendFileResponseExtensions))
        {
            return true;
        }

        if (SessionSymbols.IsDeclaredBy(method, symbols.HttpResponse))
        {
            return method.Name is "StartAsync" or "CompleteAsync";
        }

        if (SessionSymbols.IsDeclaredBy(method, symbols.Result))
        {
            return method.Name == "ExecuteAsync";
        }

        var receiver = invocation.Instance;
        while (receiver is IConversionOperation conversion)
        {
            receiver = conversion.Operand;
        }

        return receiver is IPropertyReferenceOperation { Property.Name: "Body" or "BodyWriter" } body &&
               symbols.HttpResponse.Is(body.Property.ContainingType) &&
               (method.Name.StartsWith("Write", System.StringComparison.Ordinal) || method.Name.StartsWith("Flush", System.StringComparison.Ordinal));
    }

    /// <summary>
    /// <c>ISession.Set</c>/<c>Remove</c>/<c>Clear</c>, <c>SetString</c>/<c>SetInt32</c>, and the lifecycle and removal
    /// methods of a session class (<c>RegenerateIdAsync</c>, <c>DestroyAsync</c>, <c>Clear</c>, <c>RemoveX</c>).
    /// </summary>
    private static bool WritesSession(IInvocationOperation invocation, SessionSymbols symbols)
    {
        var method = SessionSymbols.Declared(invocation.TargetMethod);
        if (SessionSymbols.IsDeclaredBy(method, symbols.Session))
        {
            return method.Name is "Set" or "Remove" or "Clear";
        }

        if (SessionSymbols.IsDeclaredBy(method, symbols.SessionExtensions))
        {
            return method.Name.StartsWith("Set", System.StringComparison.Ordinal);
        }

        if (SessionSymbols.IsDeclaredBy(method, symbols.TypedSessionBase))
        {
            return method.Name is "Clear" or "RegenerateIdAsync" or "DestroyAsync";
        }

        return symbols.IsSessionClass(method.ContainingType) && !method.IsStatic && method.Name.StartsWith("Remove", System.StringComparison.Ordinal);
    }

    /// <summary>The lambda, local function or member body an operation runs in.</summary>
    private static IOperation? EnclosingBody(IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return current;
            }

            if (current.Parent is null)
            {
                return current;
            }
        }

        return null;
    }

    /// <summary>True when nothing between the call and its body can skip it: no branch, loop, <c>try</c> or <c>?.</c>.</summary>
    private static bool IsUnconditional(IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case IAnonymousFunctionOperation:
                case ILocalFunctionOperation:
                case IMethodBodyOperation:
                case IConstructorBodyOperation:
                    return true;
                case IBlockOperation block when block.Parent is null:
                    return true;
                case IBlockOperation:
                case IExpressionStatementOperation:
                case IAwaitOperation:
                case IConversionOperation:
                case IArgumentOperation:
                case IInvocationOperation:
                case IVariableInitializerOperation:
                case IVariableDeclaratorOperation:
                case IVariableDeclarationOperation:
                case IVariableDeclarationGroupOperation:
                case IUsingDeclarationOperation:
                case ISimpleAssignmentOperation:
                case IReturnOperation:
                    continue;
                default:
                    return false;
            }
        }

        return true;
    }
}
