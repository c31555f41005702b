using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace TypedSession.Generator.Parser;

/// <summary>
/// What <see cref="SessionClassInspector"/> found about one <c>[Session]</c> class. Holds symbols: analyzers report
/// from it (SESS001-SESS005), and the generator's parser turns it into the cached model at once.
/// </summary>
internal sealed class SessionClassInspection
{
    public SessionClassInspection(
        INamedTypeSymbol type,
        SessionAttributeArguments arguments,
        SessionClassProblem problem,
        INamedTypeSymbol? problemType,
        ImmutableArray<SessionPropertyInspection> properties,
        bool emitFactory,
        bool emitResetCachedValues)
    {
        Type = type;
        Arguments = arguments;
        Problem = problem;
        ProblemType = problemType;
        Properties = properties;
        EmitFactory = emitFactory;
        EmitResetCachedValues = emitResetCachedValues;
    }

    /// <summary>The session class.</summary>
    public INamedTypeSymbol Type { get; }

    /// <summary>The <c>[Session]</c> attribute's <c>KeyPrefix</c> and <c>JsonContext</c>.</summary>
    public SessionAttributeArguments Arguments { get; }

    /// <summary>Why the generator emits nothing for the class, or <see cref="SessionClassProblem.None"/>.</summary>
    public SessionClassProblem Problem { get; }

    /// <summary>For <see cref="SessionClassProblem.NotPartial"/>: the type that lacks <c>partial</c> (the class or a container).</summary>
    public INamedTypeSymbol? ProblemType { get; }

    /// <summary>Every property the user declared on the class (all parts), in declaration order.</summary>
    public ImmutableArray<SessionPropertyInspection> Properties { get; }

    /// <summary>Whether the generated part adds <c>Create</c>, <c>BindAsync</c> and <c>ITypedSession&lt;T&gt;</c> (no user member takes those names).</summary>
    public bool EmitFactory { get; }

    /// <summary>Whether the generated part overrides <c>ResetCachedValues</c> (no user member takes that name).</summary>
    public bool EmitResetCachedValues { get; }
}
