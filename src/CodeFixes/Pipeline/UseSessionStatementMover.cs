using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Text;

namespace TypedSession.CodeFixes.Pipeline;

/// <summary>
/// Moves <c>app.UseSession();</c> statements so that they run just before another statement of the same top-level
/// program or method body. The analyzers offer the move only when both are whole statements of one body.
/// </summary>
internal static class UseSessionStatementMover
{
    public static bool CanMove(SyntaxNode root, TextSpan useSessionSpan, TextSpan targetSpan) =>
        TryFind(root, useSessionSpan, targetSpan, out _, out _);

    /// <summary>
    /// Applies every move in one edit. When several diagnostics move the same <c>UseSession()</c>, it goes before the
    /// earliest of their targets, which satisfies all of them.
    /// </summary>
    public static async Task<Document> MoveAsync(
        Document document,
        IEnumerable<(TextSpan UseSession, TextSpan Target)> moves,
        CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        var resolved = new Dictionary<SyntaxNode, SyntaxNode>();
        foreach (var (useSessionSpan, targetSpan) in moves)
        {
            if (TryFind(root, useSessionSpan, targetSpan, out var useSession, out var target) &&
                (!resolved.TryGetValue(useSession, out var known) || target.SpanStart < known.SpanStart))
            {
                resolved[useSession] = target;
            }
        }

        if (resolved.Count == 0)
        {
            return document;
        }

        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        foreach (var pair in resolved.OrderBy(pair => pair.Key.SpanStart))
        {
            var useSession = pair.Key;
            var target = pair.Value;
            var moved = useSession.WithLeadingTrivia(WithoutBlankLines(useSession.GetLeadingTrivia()));
            editor.RemoveNode(useSession, SyntaxRemoveOptions.KeepNoTrivia);
            editor.InsertBefore(target, moved);
        }

        return editor.GetChangedDocument();
    }

    /// <summary>A fix-all that applies every diagnostic's move of a document in one edit.</summary>
    public static FixAllProvider FixAll(System.Func<Diagnostic, (TextSpan UseSession, TextSpan Target)?> moveOf) =>
        FixAllProvider.Create(async (context, document, diagnostics) =>
        {
            var moves = diagnostics.Select(moveOf).Where(move => move.HasValue).Select(move => move!.Value).ToArray();
            return await MoveAsync(document, moves, context.CancellationToken).ConfigureAwait(false);
        });

    private static bool TryFind(SyntaxNode root, TextSpan useSessionSpan, TextSpan targetSpan, out SyntaxNode useSession, out SyntaxNode target)
    {
        useSession = null!;
        target = null!;
        if (!root.FullSpan.Contains(useSessionSpan) || !root.FullSpan.Contains(targetSpan))
        {
            return false;
        }

        var foundUseSession = MovableStatement(root.FindNode(useSessionSpan));
        var foundTarget = MovableStatement(root.FindNode(targetSpan));
        if (foundUseSession is null || foundTarget is null || foundUseSession == foundTarget || foundUseSession.Parent != foundTarget.Parent)
        {
            return false;
        }

        useSession = foundUseSession;
        target = foundTarget;
        return true;
    }

    /// <summary>
    /// The statement that holds <paramref name="node"/> directly in a method body, or its global statement in a
    /// top-level program.
    /// </summary>
    private static SyntaxNode? MovableStatement(SyntaxNode node)
    {
        for (var current = node; current is not null; current = current.Parent)
        {
            if (current is StatementSyntax statement)
            {
                if (statement.Parent is GlobalStatementSyntax global)
                {
                    return global;
                }

                if (statement.Parent is BlockSyntax)
                {
                    return statement;
                }
            }
        }

        return null;
    }

    /// <summary>The statement's comments and indentation, without the blank lines that separated it from the one above.</summary>
    private static SyntaxTriviaList WithoutBlankLines(SyntaxTriviaList leading)
    {
        var start = 0;
        for (var i = 0; i < leading.Count; i++)
        {
            if (leading[i].IsKind(SyntaxKind.EndOfLineTrivia))
            {
                start = i + 1;
            }
            else if (!leading[i].IsKind(SyntaxKind.WhitespaceTrivia))
            {
                break;
            }
        }

        return SyntaxFactory.TriviaList(leading.Skip(start));
    }
}
