using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TypedSession.Generator;

namespace TypedSession.CodeFixes.Declarations;

/// <summary>SESS001: adds <c>partial</c> to the session class and to every type that contains it, in every declaration.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakeSessionClassPartialCodeFixProvider)), Shared]
public sealed class MakeSessionClassPartialCodeFixProvider : CodeFixProvider
{
    private const string EquivalenceKey = "SESS001.MakePartial";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.SessionClassNotPartial.Id);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root is null || !root.FullSpan.Contains(diagnostic.Location.SourceSpan) ||
                root.FindToken(diagnostic.Location.SourceSpan.Start).Parent?.FirstAncestorOrSelf<TypeDeclarationSyntax>() is not { } declaration)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Make the session class partial",
                    cancellationToken => MakePartialAsync(context.Document, declaration, cancellationToken),
                    EquivalenceKey),
                diagnostic);
        }
    }

    private static async Task<Solution> MakePartialAsync(Document document, TypeDeclarationSyntax declaration, CancellationToken cancellationToken)
    {
        var semanticModel = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        var solution = document.Project.Solution;
        if (semanticModel?.GetDeclaredSymbol(declaration, cancellationToken) is not INamedTypeSymbol type)
        {
            return solution;
        }

        // Every declaration of the class and of its containers, grouped by file, edited once per file.
        var declarations = Enumerable.Empty<SyntaxReference>();
        for (var current = type; current is not null; current = current.ContainingType)
        {
            declarations = declarations.Concat(current.DeclaringSyntaxReferences);
        }

        foreach (var group in declarations.GroupBy(reference => reference.SyntaxTree))
        {
            if (solution.GetDocument(group.Key) is not { } target)
            {
                continue;
            }

            var root = await group.Key.GetRootAsync(cancellationToken).ConfigureAwait(false);
            var nodes = group.Select(reference => reference.GetSyntax(cancellationToken)).OfType<TypeDeclarationSyntax>()
                .Where(node => !node.Modifiers.Any(SyntaxKind.PartialKeyword));
            root = root.ReplaceNodes(nodes, (_, node) => node.AddModifiers(SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(SyntaxFactory.Space)));
            solution = solution.WithDocumentSyntaxRoot(target.Id, root);
        }

        return solution;
    }
}
