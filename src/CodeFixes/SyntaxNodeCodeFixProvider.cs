using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;

namespace TypedSession.CodeFixes;

/// <summary>
/// A fix that rewrites one syntax node per diagnostic: finds the node at the diagnostic's span, offers one code action
/// with a fixed title and equivalence key (so that Fix All batches them), and leaves the rewrite to the derived fix.
/// </summary>
/// <typeparam name="TNode">The node the fix rewrites.</typeparam>
public abstract class SyntaxNodeCodeFixProvider<TNode> : CodeFixProvider
    where TNode : SyntaxNode
{
    private readonly string _title;
    private readonly string _equivalenceKey;

    private protected SyntaxNodeCodeFixProvider(string diagnosticId, string title, string equivalenceKey)
    {
        FixableDiagnosticIds = ImmutableArray.Create(diagnosticId);
        _title = title;
        _equivalenceKey = equivalenceKey;
    }

    /// <inheritdoc />
    public sealed override ImmutableArray<string> FixableDiagnosticIds { get; }

    /// <inheritdoc />
    public sealed override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }
        foreach (var diagnostic in context.Diagnostics)
        {
            if (!root.FullSpan.Contains(diagnostic.Location.SourceSpan) || FindNode(root, diagnostic.Location.SourceSpan) is not { } node)
            {
                continue;
            }
            context.RegisterCodeFix(
                CodeAction.Create(_title, cancellationToken => FixAsync(context.Document, root, node, cancellationToken), _equivalenceKey),
                diagnostic);
        }
    }

    /// <summary>The node to rewrite for a diagnostic at <paramref name="span"/>, or null when there is nothing to fix.</summary>
    private protected abstract TNode? FindNode(SyntaxNode root, TextSpan span);

    /// <summary>The document with <paramref name="node"/> rewritten.</summary>
    private protected abstract Task<Document> FixAsync(Document document, SyntaxNode root, TNode node, CancellationToken cancellationToken);
}
