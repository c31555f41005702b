using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using TypedSession.Generator;

namespace TypedSession.CodeFixes.Declarations;

/// <summary>SESS007: declares the session property's reference type nullable (<c>string</c> becomes <c>string?</c>).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakeSessionPropertyNullableCodeFixProvider)), Shared]
public sealed class MakeSessionPropertyNullableCodeFixProvider : SyntaxNodeCodeFixProvider<TypeSyntax>
{
    /// <summary>Creates the fix.</summary>
    public MakeSessionPropertyNullableCodeFixProvider()
        : base(DiagnosticDescriptors.NonNullableReferenceProperty.Id, "Make the session property nullable", "SESS007.MakeNullable")
    {
    }

    private protected override TypeSyntax? FindNode(SyntaxNode root, TextSpan span) =>
        root.FindToken(span.Start).Parent?.FirstAncestorOrSelf<PropertyDeclarationSyntax>() is { Type: not NullableTypeSyntax } property
            ? property.Type
            : null;

    private protected override Task<Document> FixAsync(Document document, SyntaxNode root, TypeSyntax type, CancellationToken cancellationToken) =>
        Task.FromResult(document.WithSyntaxRoot(root.ReplaceNode(type, SyntaxFactory.NullableType(type.WithoutTrivia()).WithTriviaFrom(type))));
}
