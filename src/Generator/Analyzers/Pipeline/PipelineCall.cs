using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace TypedSession.Generator.Analyzers.Pipeline;

/// <summary>
/// One classified call on a request pipeline builder, tied to the local or parameter its receiver chain starts from.
/// Kept only for the duration of one operation block (or one compilation, for checks that wait for other files).
/// </summary>
internal sealed class PipelineCall
{
    public PipelineCall(
        PipelineCallKind kind,
        IInvocationOperation invocation,
        ISymbol? root,
        SyntaxNode? container,
        StatementSyntax? statement,
        SessionUse sessionUse,
        ImmutableArray<IMethodSymbol> undecidedMethods)
    {
        Kind = kind;
        Invocation = invocation;
        Root = root;
        Container = container;
        Statement = statement;
        SessionUse = sessionUse;
        UndecidedMethods = undecidedMethods;
    }

    public PipelineCallKind Kind { get; }

    public IInvocationOperation Invocation { get; }

    /// <summary>The <c>WebApplication</c> local or <c>IApplicationBuilder</c> parameter the call builds on, if known.</summary>
    public ISymbol? Root { get; }

    /// <summary>
    /// The straight-line code the call sits in (the top-level statements, or a method body), or <see langword="null"/>
    /// when the call is inside a branch, a loop or a lambda, where its order cannot be known.
    /// </summary>
    public SyntaxNode? Container { get; }

    /// <summary>The statement directly in <see cref="Container"/> that holds the call.</summary>
    public StatementSyntax? Statement { get; }

    public SessionUse SessionUse { get; }

    /// <summary>Methods in other files whose bodies decide an <see cref="SessionUse.Undecided"/> middleware.</summary>
    public ImmutableArray<IMethodSymbol> UndecidedMethods { get; }

    /// <summary>Evaluation order within a container: a call completes after its receiver chain and its arguments.</summary>
    public int Order => Invocation.Syntax.Span.End;

    public bool IsStraightLine => Container is not null && Root is not null;

    /// <summary>Requests that reach this call are answered here: later middleware never sees them.</summary>
    public bool IsTerminal =>
        Kind is PipelineCallKind.UseEndpoints or PipelineCallKind.HostStart ||
        (Kind is PipelineCallKind.Middleware && Invocation.TargetMethod.Name == "Run");

    /// <summary>The method name as written, for messages.</summary>
    public string MethodName => Invocation.TargetMethod.Name;

    /// <summary>
    /// <see langword="true"/> when the call is a whole statement of its own (<c>app.UseSession();</c>), so that a code
    /// fix can move it without touching a chain.
    /// </summary>
    public bool IsWholeStatement =>
        Statement is ExpressionStatementSyntax expressionStatement &&
        expressionStatement.Expression == Invocation.Syntax;
}
