using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using TypedSession.Generator;

namespace TypedSession.CodeFixes.Security;

/// <summary>
/// SESS032: sets <c>Cookie.MaxAge</c> instead of <c>Cookie.Expiration</c>, which is what a lasting session cookie
/// needs and does not throw. How long the session's data lives stays <c>IdleTimeout</c>'s job.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseMaxAgeForSessionCookieCodeFixProvider)), Shared]
public sealed class UseMaxAgeForSessionCookieCodeFixProvider : SyntaxNodeCodeFixProvider<MemberAccessExpressionSyntax>
{
    /// <summary>Creates the fix.</summary>
    public UseMaxAgeForSessionCookieCodeFixProvider()
        : base(DiagnosticDescriptors.SessionCookieExpirationSet.Id, "Use Cookie.MaxAge", "SESS032.UseMaxAge")
    {
    }

    private protected override MemberAccessExpressionSyntax? FindNode(SyntaxNode root, TextSpan span) =>
        root.FindNode(span, getInnermostNodeForTie: true).FirstAncestorOrSelf<AssignmentExpressionSyntax>() is
            { Left: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Expiration" } target }
            ? target
            : null;

    private protected override Task<Document> FixAsync(Document document, SyntaxNode root, MemberAccessExpressionSyntax target, CancellationToken cancellationToken) =>
        Task.FromResult(document.WithSyntaxRoot(root.ReplaceNode(
            target.Name,
            SyntaxFactory.IdentifierName("MaxAge").WithTriviaFrom(target.Name))));
}
