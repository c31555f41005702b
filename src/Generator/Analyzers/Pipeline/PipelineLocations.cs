using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace TypedSession.Generator.Analyzers.Pipeline;

/// <summary>Where pipeline diagnostics point, and how they name a call in a message.</summary>
internal static class PipelineLocations
{
    /// <summary>
    /// The call from its method name to its closing parenthesis (<c>UseSession()</c> in <c>app.UseRouting().UseSession()</c>),
    /// so that a diagnostic in a chain underlines only the call it is about.
    /// </summary>
    public static Location Of(SyntaxNode invocation)
    {
        if (invocation is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax memberAccess })
        {
            return Location.Create(invocation.SyntaxTree, TextSpan.FromBounds(memberAccess.Name.SpanStart, invocation.Span.End));
        }

        return invocation.GetLocation();
    }

    /// <summary>A short name for a call in a message: <c>Use(...)</c>, <c>UseMiddleware&lt;AuditMiddleware&gt;()</c>.</summary>
    public static string Describe(PipelineCall call)
    {
        var method = call.Invocation.TargetMethod;
        var typeArguments = method.TypeArguments.Length == 0
            ? string.Empty
            : "<" + string.Join(", ", System.Linq.Enumerable.Select(method.TypeArguments, t => t.Name)) + ">";
        var arguments = call.Invocation.Syntax is InvocationExpressionSyntax { ArgumentList.Arguments.Count: 0 }
            ? "()"
            : "(...)";
        return method.Name + typeArguments + arguments;
    }
}
