using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using TypedSession.Generator;

namespace TypedSession.CodeFixes.Pipeline;

/// <summary>
/// SESS011: moves <c>UseSession()</c> before the first middleware of the pipeline that uses the session.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MoveUseSessionBeforeMiddlewareCodeFixProvider)), Shared]
public sealed class MoveUseSessionBeforeMiddlewareCodeFixProvider : MoveUseSessionCodeFixProvider
{
    /// <summary>Creates the fix.</summary>
    public MoveUseSessionBeforeMiddlewareCodeFixProvider()
        : base(DiagnosticDescriptors.MiddlewareBeforeUseSession.Id,
            "Move UseSession() before the middleware that uses the session",
            "SESS011.MoveUseSessionBeforeMiddleware")
    {
    }

    /// <summary>
    /// The analyzer passes <c>UseSession()</c> as additional location 0 and the first middleware that uses the session
    /// as additional location 1, so that every diagnostic of one pipeline asks for the same move.
    /// </summary>
    private protected override (TextSpan UseSession, TextSpan Target)? LocateMove(Diagnostic diagnostic) =>
        diagnostic.AdditionalLocations.Count >= 2 &&
        diagnostic.AdditionalLocations[0].SourceTree == diagnostic.Location.SourceTree &&
        diagnostic.AdditionalLocations[1].SourceTree == diagnostic.Location.SourceTree
            ? (diagnostic.AdditionalLocations[0].SourceSpan, diagnostic.AdditionalLocations[1].SourceSpan)
            : null;
}
