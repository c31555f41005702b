using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace TypedSession.Generator.Analyzers.Pipeline;

/// <summary>
/// Classifies invocations on a request pipeline builder by their target method (<c>ReducedFrom ?? TargetMethod</c>) and
/// its containing type, never by name alone, and ties each call to the builder local or parameter its receiver chain
/// starts from (<c>app.UseA().UseB()</c> builds on <c>app</c> twice).
/// </summary>
internal sealed class PipelineCallClassifier
{
    private readonly SessionSymbols _symbols;
    private readonly SessionAccessFinder _sessionAccess;

    public PipelineCallClassifier(SessionSymbols symbols, SessionAccessFinder sessionAccess)
    {
        _symbols = symbols;
        _sessionAccess = sessionAccess;
    }

    /// <summary>Classifies <paramref name="invocation"/>; <see langword="false"/> for calls that do not build a pipeline.</summary>
    public bool TryClassify(IInvocationOperation invocation, CancellationToken cancellationToken, out PipelineCall call)
    {
        call = null!;
        var kind = Classify(invocation.TargetMethod);
        if (kind is null)
        {
            return false;
        }

        var root = FindRoot(Receiver(invocation));
        StatementSyntax? statement = null;
        var container = root is null ? null : StraightLineContainer(invocation.Syntax, out statement);

        var sessionUse = SessionUse.None;
        var undecided = ImmutableArray<IMethodSymbol>.Empty;
        if (kind == PipelineCallKind.Middleware)
        {
            var builder = ImmutableArray.CreateBuilder<IMethodSymbol>();
            sessionUse = MiddlewareSessionUse(invocation, builder, cancellationToken);
            undecided = builder.ToImmutable();
        }

        call = new PipelineCall(kind.Value, invocation, root, container, statement, sessionUse, undecided);
        return true;
    }

    /// <summary>The kind of a pipeline call, or <see langword="null"/> when the method is not one.</summary>
    public PipelineCallKind? Classify(IMethodSymbol method)
    {
        var declared = SessionSymbols.Declared(method);
        var name = declared.Name;
        if (SessionSymbols.IsDeclaredBy(declared, _symbols.SessionMiddlewareExtensions))
        {
            return name == "UseSession" ? PipelineCallKind.UseSession : PipelineCallKind.Other;
        }

        if ((SessionSymbols.IsDeclaredBy(declared, _symbols.UseExtensions) ||
             SessionSymbols.IsDeclaredBy(declared, _symbols.ApplicationBuilder) ||
             SessionSymbols.IsDeclaredBy(declared, _symbols.WebApplication)) && name == "Use")
        {
            return PipelineCallKind.Middleware;
        }

        if ((SessionSymbols.IsDeclaredBy(declared, _symbols.RunExtensions) && name == "Run") ||
            (SessionSymbols.IsDeclaredBy(declared, _symbols.UseMiddlewareExtensions) && name == "UseMiddleware") ||
            SessionSymbols.IsDeclaredBy(declared, _symbols.MapExtensions) ||
            SessionSymbols.IsDeclaredBy(declared, _symbols.MapWhenExtensions) ||
            SessionSymbols.IsDeclaredBy(declared, _symbols.UseWhenExtensions))
        {
            return PipelineCallKind.Middleware;
        }

        if (SessionSymbols.IsDeclaredBy(declared, _symbols.EndpointRoutingApplicationBuilderExtensions))
        {
            return name switch
            {
                "UseEndpoints" => PipelineCallKind.UseEndpoints,
                "UseRouting" => PipelineCallKind.UseRouting,
                _ => PipelineCallKind.Other,
            };
        }

        if ((SessionSymbols.IsDeclaredBy(declared, _symbols.WebApplication) && name is "Run" or "RunAsync" or "StartAsync") ||
            (SessionSymbols.IsDeclaredBy(declared, _symbols.HostingAbstractionsHostExtensions) && name is "Run" or "RunAsync" or "Start" or "StartAsync") ||
            (SessionSymbols.IsDeclaredBy(declared, _symbols.Host) && name == "StartAsync"))
        {
            return PipelineCallKind.HostStart;
        }

        if (declared.IsExtensionMethod && declared.Parameters.Length > 0)
        {
            var receiverType = declared.Parameters[0].Type;
            if (_symbols.EndpointRouteBuilder.Is(receiverType))
            {
                return PipelineCallKind.EndpointMapping;
            }

            if (_symbols.ApplicationBuilder.Is(receiverType) ||
                _symbols.WebApplication.Is(receiverType))
            {
                return PipelineCallKind.Other;
            }
        }

        return null;
    }

    /// <summary>The receiver of a call: the instance, or the first argument of an extension method.</summary>
    public static IOperation? Receiver(IInvocationOperation invocation)
    {
        if (invocation.Instance is not null)
        {
            return invocation.Instance;
        }

        if (invocation.TargetMethod.IsExtensionMethod || invocation.TargetMethod.ReducedFrom is not null)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Ordinal == 0)
                {
                    return argument.Value;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The builder local or parameter a receiver chain starts from, through conversions and calls that return the
    /// builder; <see langword="null"/> for anything else (a field, a property, a call result of another kind).
    /// </summary>
    public ISymbol? FindRoot(IOperation? receiver)
    {
        while (true)
        {
            switch (receiver)
            {
                case IConversionOperation conversion:
                    receiver = conversion.Operand;
                    continue;
                case IInvocationOperation inner when Classify(inner.TargetMethod) is not null:
                    receiver = Receiver(inner);
                    continue;
                case ILocalReferenceOperation local when IsPipelineBuilder(local.Local.Type):
                    return local.Local;
                case IParameterReferenceOperation parameter when IsPipelineBuilder(parameter.Parameter.Type):
                    return parameter.Parameter;
                default:
                    return null;
            }
        }
    }

    private bool IsPipelineBuilder(ITypeSymbol type) =>
        SessionSymbols.IsOrInherits(type, _symbols.ApplicationBuilder) || SessionSymbols.IsOrInherits(type, _symbols.Host);

    /// <summary>
    /// The top-level statements or the method body that holds <paramref name="call"/> in straight-line code, or
    /// <see langword="null"/> when the call is inside a branch, a loop, a lambda, a conditional expression or a
    /// null-conditional access: code whose order or execution the analyzer cannot know.
    /// </summary>
    public static SyntaxNode? StraightLineContainer(SyntaxNode call, out StatementSyntax? statement)
    {
        statement = null;
        for (var node = call.Parent; node is not null; node = node.Parent)
        {
            switch (node)
            {
                case InvocationExpressionSyntax:
                case MemberAccessExpressionSyntax:
                case ArgumentSyntax:
                case ArgumentListSyntax:
                case ParenthesizedExpressionSyntax:
                case CastExpressionSyntax:
                case AwaitExpressionSyntax:
                case EqualsValueClauseSyntax:
                case VariableDeclaratorSyntax:
                case VariableDeclarationSyntax:
                case AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression }:
                    continue;
                case ExpressionStatementSyntax or LocalDeclarationStatementSyntax or ReturnStatementSyntax:
                    statement = (StatementSyntax)node;
                    return node.Parent switch
                    {
                        GlobalStatementSyntax { Parent: CompilationUnitSyntax compilationUnit } => compilationUnit,
                        BlockSyntax { Parent: BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax } block => block,
                        _ => null,
                    };
                case ArrowExpressionClauseSyntax { Parent: BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax } arrow:
                    return arrow;
                default:
                    return null;
            }
        }

        return null;
    }

    private SessionUse MiddlewareSessionUse(
        IInvocationOperation invocation,
        ImmutableArray<IMethodSymbol>.Builder undecided,
        CancellationToken cancellationToken)
    {
        var semanticModel = invocation.SemanticModel;
        var result = SessionUse.None;

        if (SessionSymbols.IsDeclaredBy(invocation.TargetMethod, _symbols.UseMiddlewareExtensions))
        {
            var middlewareType = invocation.TargetMethod.TypeArguments.Length == 1
                ? invocation.TargetMethod.TypeArguments[0] as INamedTypeSymbol
                : null;
            foreach (var argument in invocation.Arguments)
            {
                if (Unwrap(argument.Value) is ITypeOfOperation typeOf)
                {
                    middlewareType = typeOf.TypeOperand as INamedTypeSymbol;
                }
            }

            return middlewareType is null
                ? SessionUse.None
                : MiddlewareClassSessionUse(middlewareType, semanticModel, undecided, cancellationToken);
        }

        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Ordinal == 0 && invocation.Instance is null)
            {
                continue;
            }

            switch (Unwrap(argument.Value))
            {
                case IAnonymousFunctionOperation lambda when _sessionAccess.Uses(lambda.Body):
                    return SessionUse.Uses;
                case IMethodReferenceOperation methodReference:
                    var use = _sessionAccess.UsesInMethod(methodReference.Method, semanticModel, cancellationToken);
                    if (use == SessionUse.Uses)
                    {
                        return use;
                    }

                    if (use == SessionUse.Undecided)
                    {
                        undecided.Add(methodReference.Method);
                        result = use;
                    }

                    break;
            }
        }

        return result;
    }

    private SessionUse MiddlewareClassSessionUse(
        INamedTypeSymbol middlewareType,
        SemanticModel? semanticModel,
        ImmutableArray<IMethodSymbol>.Builder undecided,
        CancellationToken cancellationToken)
    {
        foreach (var constructor in middlewareType.InstanceConstructors)
        {
            foreach (var parameter in constructor.Parameters)
            {
                if (_symbols.IsSessionAccessType(parameter.Type))
                {
                    return SessionUse.Uses;
                }
            }
        }

        var result = SessionUse.None;
        foreach (var member in middlewareType.GetMembers())
        {
            if (member is IMethodSymbol { IsStatic: false, Name: "Invoke" or "InvokeAsync" } method)
            {
                var use = _sessionAccess.UsesInMethod(method, semanticModel, cancellationToken);
                if (use == SessionUse.Uses)
                {
                    return use;
                }

                if (use == SessionUse.Undecided)
                {
                    undecided.Add(method);
                    result = use;
                }
            }
        }

        return result;
    }

    private static IOperation Unwrap(IOperation operation)
    {
        while (true)
        {
            switch (operation)
            {
                case IConversionOperation conversion:
                    operation = conversion.Operand;
                    continue;
                case IDelegateCreationOperation delegateCreation:
                    operation = delegateCreation.Target;
                    continue;
                default:
                    return operation;
            }
        }
    }
}
