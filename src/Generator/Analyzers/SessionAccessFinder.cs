using System.Collections.Concurrent;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace TypedSession.Generator.Analyzers;

/// <summary>
/// Finds code that reaches the request's session: any expression of type <c>ISession</c> (for example
/// <c>HttpContext.Session</c>), <c>ISessionFeature</c> or a <c>[Session]</c> class. Also indexes, per compilation, the
/// methods whose bodies do so, for decisions that need a body in another file.
/// </summary>
internal sealed class SessionAccessFinder
{
    private readonly SessionSymbols _symbols;
    private readonly ConcurrentDictionary<ISymbol, Location> _membersUsingSession = new(SymbolEqualityComparer.Default);

    public SessionAccessFinder(SessionSymbols symbols) => _symbols = symbols;

    /// <summary>Members whose bodies reach the session, with the first access seen; complete at compilation end.</summary>
    public ConcurrentDictionary<ISymbol, Location> MembersUsingSession => _membersUsingSession;

    /// <summary>Indexes session access of every member body of the compilation.</summary>
    public void RegisterIndex(CompilationStartAnalysisContext context) =>
        context.RegisterOperationAction(
            operationContext =>
            {
                // The first access per member is kept: later ones skip the location's allocation.
                if (_symbols.IsSessionAccessType(operationContext.Operation.Type) &&
                    !_membersUsingSession.ContainsKey(operationContext.ContainingSymbol))
                {
                    _membersUsingSession.TryAdd(operationContext.ContainingSymbol, operationContext.Operation.Syntax.GetLocation());
                }
            },
            OperationKind.PropertyReference,
            OperationKind.Invocation,
            OperationKind.ParameterReference,
            OperationKind.FieldReference,
            OperationKind.LocalReference);

    /// <summary><see langword="true"/> when <paramref name="operation"/> or anything inside it reaches the session.</summary>
    public bool Uses(IOperation operation)
    {
        foreach (var descendant in operation.DescendantsAndSelf())
        {
            if (_symbols.IsSessionAccessType(descendant.Type))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether <paramref name="method"/> reaches the session: by its parameters, or by a body in the file that
    /// <paramref name="semanticModel"/> covers. A body in another file leaves the answer <see cref="Pipeline.SessionUse.Undecided"/>.
    /// </summary>
    public Pipeline.SessionUse UsesInMethod(IMethodSymbol method, SemanticModel? semanticModel, CancellationToken cancellationToken)
    {
        foreach (var parameter in method.Parameters)
        {
            if (_symbols.IsSessionAccessType(parameter.Type))
            {
                return Pipeline.SessionUse.Uses;
            }
        }

        var result = Pipeline.SessionUse.None;
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            if (semanticModel is null || reference.SyntaxTree != semanticModel.SyntaxTree)
            {
                result = Pipeline.SessionUse.Undecided;
                continue;
            }

            var body = semanticModel.GetOperation(reference.GetSyntax(cancellationToken), cancellationToken);
            if (body is not null && Uses(body))
            {
                return Pipeline.SessionUse.Uses;
            }
        }

        return result;
    }
}
