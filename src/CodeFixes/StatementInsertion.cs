using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace TypedSession.CodeFixes;

/// <summary>
/// Adds a statement such as <c>app.UseSession();</c> next to another statement of a method body or top-level program,
/// with the same indentation and line ending, and adds the <c>using</c> directive the statement needs when its
/// namespace is not imported yet (web projects import it implicitly).
/// </summary>
internal static class StatementInsertion
{
    /// <summary>
    /// The statement that holds <paramref name="node"/> directly in a method body, or its global statement in a
    /// top-level program; <see langword="null"/> when there is none.
    /// </summary>
    public static SyntaxNode? EnclosingStatement(SyntaxNode node)
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

    /// <summary>Inserts <paramref name="code"/> as a statement before or after <paramref name="anchor"/>.</summary>
    public static async Task<Document> InsertNextToAsync(
        Document document,
        SyntaxNode anchor,
        string code,
        bool after,
        string requiredNamespace,
        CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        var statement = SyntaxFactory.ParseStatement(code)
            .WithLeadingTrivia(Indentation(anchor))
            .WithTrailingTrivia(LineEnding(anchor));
        SyntaxNode inserted = anchor is GlobalStatementSyntax ? SyntaxFactory.GlobalStatement(statement) : statement;
        if (after)
        {
            editor.InsertAfter(anchor, inserted);
        }
        else
        {
            // Blank lines above the anchor stay above the group: they now separate it from what comes before.
            var blankLines = LeadingBlankLines(anchor);
            if (blankLines.Count > 0)
            {
                inserted = inserted.WithLeadingTrivia(blankLines.AddRange(inserted.GetLeadingTrivia()));
                editor.ReplaceNode(anchor, (current, _) => current.WithLeadingTrivia(current.GetLeadingTrivia().Skip(blankLines.Count)));
            }

            editor.InsertBefore(anchor, inserted);
        }

        await ImportIfUnresolvedAsync(editor, document, anchor.SpanStart, statement, requiredNamespace, cancellationToken).ConfigureAwait(false);
        return editor.GetChangedDocument();
    }

    /// <summary>Appends <paramref name="code"/> as the last statement of <paramref name="body"/> (before a final <c>return</c>).</summary>
    public static async Task<Document> AppendToBodyAsync(
        Document document,
        BlockSyntax body,
        string code,
        string requiredNamespace,
        CancellationToken cancellationToken)
    {
        var last = body.Statements.LastOrDefault();
        if (last is not null)
        {
            return await InsertNextToAsync(document, last, code, after: last is not ReturnStatementSyntax, requiredNamespace, cancellationToken).ConfigureAwait(false);
        }

        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        var statement = SyntaxFactory.ParseStatement(code).WithAdditionalAnnotations(Microsoft.CodeAnalysis.Formatting.Formatter.Annotation);
        editor.ReplaceNode(body, body.AddStatements(statement));
        await ImportIfUnresolvedAsync(editor, document, body.SpanStart, statement, requiredNamespace, cancellationToken).ConfigureAwait(false);
        return editor.GetChangedDocument();
    }

    /// <summary>Adds <c>using <paramref name="requiredNamespace"/>;</c> when the statement's call does not bind as written.</summary>
    public static async Task ImportIfUnresolvedAsync(
        DocumentEditor editor,
        Document document,
        int position,
        StatementSyntax statement,
        string requiredNamespace,
        CancellationToken cancellationToken)
    {
        var semanticModel = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (semanticModel is null || statement is not ExpressionStatementSyntax { Expression: var expression })
        {
            return;
        }

        var binding = semanticModel.GetSpeculativeSymbolInfo(position, expression, SpeculativeBindingOption.BindAsExpression);
        if (binding.Symbol is not null || binding.CandidateSymbols.Length > 0)
        {
            return;
        }

        if (editor.OriginalRoot is CompilationUnitSyntax compilationUnit &&
            !compilationUnit.Usings.Any(u => u.Name?.ToString() == requiredNamespace))
        {
            var directive = SyntaxFactory.UsingDirective(SyntaxFactory.ParseName(requiredNamespace))
                .WithTrailingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed)
                .WithAdditionalAnnotations(Microsoft.CodeAnalysis.Formatting.Formatter.Annotation);
            if (compilationUnit.Usings.Count > 0)
            {
                editor.InsertAfter(compilationUnit.Usings.Last(), directive);
            }
            else
            {
                editor.ReplaceNode(compilationUnit, (current, _) => ((CompilationUnitSyntax)current).AddUsings(directive));
            }
        }
    }

    private static SyntaxTriviaList LeadingBlankLines(SyntaxNode anchor)
    {
        var leading = anchor.GetLeadingTrivia();
        var count = 0;
        for (var i = 0; i < leading.Count; i++)
        {
            if (leading[i].IsKind(SyntaxKind.EndOfLineTrivia))
            {
                count = i + 1;
            }
            else if (!leading[i].IsKind(SyntaxKind.WhitespaceTrivia))
            {
                break;
            }
        }

        return SyntaxFactory.TriviaList(leading.Take(count));
    }

    private static SyntaxTriviaList Indentation(SyntaxNode anchor)
    {
        var leading = anchor.GetLeadingTrivia();
        return leading.Count > 0 && leading[leading.Count - 1].IsKind(SyntaxKind.WhitespaceTrivia)
            ? SyntaxFactory.TriviaList(leading[leading.Count - 1])
            : SyntaxFactory.TriviaList();
    }

    private static SyntaxTriviaList LineEnding(SyntaxNode anchor)
    {
        var endOfLine = anchor.GetTrailingTrivia().LastOrDefault(trivia => trivia.IsKind(SyntaxKind.EndOfLineTrivia));
        return SyntaxFactory.TriviaList(endOfLine.IsKind(SyntaxKind.EndOfLineTrivia) ? endOfLine : SyntaxFactory.LineFeed);
    }
}
