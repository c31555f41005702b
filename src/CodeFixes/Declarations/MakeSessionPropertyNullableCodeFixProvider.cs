using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TypedSession.Generator;

namespace TypedSession.CodeFixes.Declarations;

/// <summary>SESS007: declares the session property's reference type nullable (<c>string</c> becomes <c>string?</c>).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakeSessionPropertyNullableCodeFixProvider)), Shared]
public sealed class MakeSessionPropertyNullableCodeFixProvider : CodeFixProvider
{
    private const string EquivalenceKey = "SESS007.MakeNullable";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.NonNullableReferenceProperty.Id);

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
                property.Type is NullableTypeSyntax)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Make the session property nullable",
                    _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(property.Type, Nullable(property.Type)))),
                    EquivalenceKey),
                diagnostic);
        }
    }

    private static TypeSyntax Nullable(TypeSyntax type) =>
        SyntaxFactory.NullableType(type.WithoutTrivia()).WithTriviaFrom(type);
}
