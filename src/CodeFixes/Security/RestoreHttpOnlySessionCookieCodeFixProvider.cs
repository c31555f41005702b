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

/// <summary>SESS031: sets the session cookie's <c>HttpOnly</c> back to <c>true</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RestoreHttpOnlySessionCookieCodeFixProvider)), Shared]
public sealed class RestoreHttpOnlySessionCookieCodeFixProvider : SyntaxNodeCodeFixProvider<AssignmentExpressionSyntax>
{
    /// <summary>Creates the fix.</summary>
    public RestoreHttpOnlySessionCookieCodeFixProvider()
        : base(DiagnosticDescriptors.SessionCookieNotHttpOnly.Id, "Set Cookie.HttpOnly to true", "SESS031.HttpOnlyTrue")
    {
    }

    private protected override AssignmentExpressionSyntax? FindNode(SyntaxNode root, TextSpan span) =>
        root.FindNode(span, getInnermostNodeForTie: true).FirstAncestorOrSelf<AssignmentExpressionSyntax>();

    private protected override Task<Document> FixAsync(Document document, SyntaxNode root, AssignmentExpressionSyntax assignment, CancellationToken cancellationToken) =>
        Task.FromResult(document.WithSyntaxRoot(root.ReplaceNode(
            assignment.Right,
            SyntaxFactory.LiteralExpression(SyntaxKind.TrueLiteralExpression).WithTriviaFrom(assignment.Right))));
}
