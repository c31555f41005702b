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

/// <summary>
/// SESS032: sets <c>Cookie.MaxAge</c> instead of <c>Cookie.Expiration</c>, which is what a lasting session cookie
/// needs and does not throw. How long the session's data lives stays <c>IdleTimeout</c>'s job.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseMaxAgeForSessionCookieCodeFixProvider)), Shared]
public sealed class UseMaxAgeForSessionCookieCodeFixProvider : CodeFixProvider
{
    private const string EquivalenceKey = "SESS032.UseMaxAge";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.SessionCookieExpirationSet.Id);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root is null || !root.FullSpan.Contains(diagnostic.Location.SourceSpan) ||
                root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<AssignmentExpressionSyntax>() is not
                    { Left: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Expiration" } target })
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Use Cookie.MaxAge",
                    async cancellationToken =>
                    {
                        var editor = await DocumentEditor.CreateAsync(context.Document, cancellationToken).ConfigureAwait(false);
                        editor.ReplaceNode(target.Name, SyntaxFactory.IdentifierName("MaxAge").WithTriviaFrom(target.Name));
                        return editor.GetChangedDocument();
                    },
                    EquivalenceKey),
                diagnostic);
        }
    }
}
