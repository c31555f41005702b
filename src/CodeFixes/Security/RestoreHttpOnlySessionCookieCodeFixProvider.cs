using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using TypedSession.Generator;

namespace TypedSession.CodeFixes.Security;

/// <summary>SESS031: sets the session cookie's <c>HttpOnly</c> back to <c>true</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RestoreHttpOnlySessionCookieCodeFixProvider)), Shared]
public sealed class RestoreHttpOnlySessionCookieCodeFixProvider : CodeFixProvider
{
    private const string EquivalenceKey = "SESS031.HttpOnlyTrue";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.SessionCookieNotHttpOnly.Id);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root is null || !root.FullSpan.Contains(diagnostic.Location.SourceSpan) ||
                root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<AssignmentExpressionSyntax>() is not { } assignment)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Set Cookie.HttpOnly to true",
                    async cancellationToken =>
                    {
                        var editor = await DocumentEditor.CreateAsync(context.Document, cancellationToken).ConfigureAwait(false);
                        editor.ReplaceNode(assignment.Right, SyntaxFactory.LiteralExpression(SyntaxKind.TrueLiteralExpression).WithTriviaFrom(assignment.Right));
                        return editor.GetChangedDocument();
                    },
                    EquivalenceKey),
                diagnostic);
        }
    }
}
