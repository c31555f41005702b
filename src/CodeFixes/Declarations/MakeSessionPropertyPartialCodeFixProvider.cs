using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using TypedSession.Generator;

namespace TypedSession.CodeFixes.Declarations;

/// <summary>
/// SESS002: turns a plain auto-property into a partial one, and an <c>init</c> accessor into <c>set</c>. Other shapes
/// (static, by-ref, a missing accessor) need a decision the fix cannot make.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakeSessionPropertyPartialCodeFixProvider)), Shared]
public sealed class MakeSessionPropertyPartialCodeFixProvider : CodeFixProvider
{
    private const string EquivalenceKey = "SESS002.MakePartialWithSet";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.SessionPropertyNotPartial.Id);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root is null || !root.FullSpan.Contains(diagnostic.Location.SourceSpan) ||
                root.FindToken(diagnostic.Location.SourceSpan.Start).Parent?.FirstAncestorOrSelf<PropertyDeclarationSyntax>() is not { } property ||
                Repaired(property) is not { } repaired)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Make it a partial property with get and set",
                    async cancellationToken =>
                    {
                        var editor = await DocumentEditor.CreateAsync(context.Document, cancellationToken).ConfigureAwait(false);
                        editor.ReplaceNode(property, repaired);
                        return editor.GetChangedDocument();
                    },
                    EquivalenceKey),
                diagnostic);
        }
    }

    private static PropertyDeclarationSyntax? Repaired(PropertyDeclarationSyntax property)
    {
        if (property.Initializer is not null || property.AccessorList is not { } accessors ||
            property.Modifiers.Any(SyntaxKind.StaticKeyword) ||
            accessors.Accessors.Any(accessor => accessor.Body is not null || accessor.ExpressionBody is not null) ||
            !accessors.Accessors.Any(accessor => accessor.IsKind(SyntaxKind.GetAccessorDeclaration)))
        {
            return null;
        }

        var repaired = property;
        if (accessors.Accessors.FirstOrDefault(accessor => accessor.IsKind(SyntaxKind.InitAccessorDeclaration)) is { } init)
        {
            var set = SyntaxFactory.AccessorDeclaration(SyntaxKind.SetAccessorDeclaration)
                .WithModifiers(init.Modifiers)
                .WithSemicolonToken(init.SemicolonToken)
                .WithTriviaFrom(init);
            repaired = repaired.ReplaceNode(repaired.AccessorList!.Accessors.First(accessor => accessor.IsKind(SyntaxKind.InitAccessorDeclaration)), set);
        }
        else if (!accessors.Accessors.Any(accessor => accessor.IsKind(SyntaxKind.SetAccessorDeclaration)))
        {
            return null;
        }

        if (!repaired.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            repaired = repaired.AddModifiers(SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(SyntaxFactory.Space));
        }

        return repaired == property ? null : repaired;
    }
}
