using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TypedSession.Generator;
using TypedSession.Generator.Analyzers.Schema;

namespace TypedSession.CodeFixes.Schema;

/// <summary>
/// SESS041: keeps a shipped key on the property that took its place, by giving it <c>[SessionKey("old")]</c> (or
/// changing the key its <c>[SessionKey]</c> names), so that live sessions' values stay readable after a rename.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(KeepShippedSessionKeyCodeFixProvider)), Shared]
public sealed class KeepShippedSessionKeyCodeFixProvider : CodeFixProvider
{
    private const string EquivalenceKey = "SESS041.KeepShippedKey";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.ShippedKeyRemoved.Id);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        if (context.TextDocument is not Document document
            || await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false) is not { } root)
        {
            return;
        }
        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(SessionSchemaAnalyzer.SessionKeyProperty, out var key)
                || key is null
                || !root.FullSpan.Contains(diagnostic.Location.SourceSpan)
                || root.FindToken(diagnostic.Location.SourceSpan.Start).Parent?.FirstAncestorOrSelf<PropertyDeclarationSyntax>() is not { } property)
            {
                continue;
            }
            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Keep the shipped session key with [SessionKey(\"{key}\")]",
                    cancellationToken => KeepKeyAsync(document, root, property, key, cancellationToken),
                    EquivalenceKey),
                diagnostic);
        }
    }

    private static async Task<Document> KeepKeyAsync(Document document, SyntaxNode root, PropertyDeclarationSyntax property, string key, CancellationToken cancellationToken)
    {
        var semanticModel = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        var keyAttribute = semanticModel?.Compilation.GetTypeByMetadataName(KnownTypeSymbols.SessionKeyAttributeMetadataName);
        var argument = SyntaxFactory.AttributeArgument(SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(key)));

        // A [SessionKey] the property already has names the new key: change its argument.
        foreach (var list in property.AttributeLists)
        {
            foreach (var attribute in list.Attributes)
            {
                if (keyAttribute is not null
                    && semanticModel!.GetSymbolInfo(attribute, cancellationToken).Symbol?.ContainingType is { } type
                    && SymbolEqualityComparer.Default.Equals(type, keyAttribute))
                {
                    var replaced = attribute.WithArgumentList(SyntaxFactory.AttributeArgumentList(SyntaxFactory.SingletonSeparatedList(argument)));
                    return document.WithSyntaxRoot(root.ReplaceNode(attribute, replaced));
                }
            }
        }

        // The short name when it binds to TypedSession's attribute where the property is; otherwise the full one.
        var visible = keyAttribute is not null
            && semanticModel!.LookupNamespacesAndTypes(property.SpanStart, name: "SessionKeyAttribute") is { Length: 1 } found
            && SymbolEqualityComparer.Default.Equals(found[0], keyAttribute);
        var name = SyntaxFactory.ParseName(visible ? "SessionKey" : "global::TypedSession.SessionKey");
        var newList = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(
            SyntaxFactory.Attribute(name, SyntaxFactory.AttributeArgumentList(SyntaxFactory.SingletonSeparatedList(argument)))));

        // The new list takes the declaration's leading trivia (comments, indentation); what followed it keeps the indentation.
        var leading = property.GetLeadingTrivia();
        var indentation = leading.Count > 0 && leading[leading.Count - 1].IsKind(SyntaxKind.WhitespaceTrivia)
            ? SyntaxFactory.TriviaList(leading[leading.Count - 1])
            : SyntaxFactory.TriviaList();
        var endOfLine = SyntaxFactory.EndOfLine(root.ToFullString().Contains("\r\n") ? "\r\n" : "\n");
        newList = newList.WithLeadingTrivia(leading).WithTrailingTrivia(endOfLine);
        var fixedProperty = property.WithLeadingTrivia(indentation);
        fixedProperty = fixedProperty.WithAttributeLists(fixedProperty.AttributeLists.Insert(0, newList));
        return document.WithSyntaxRoot(root.ReplaceNode(property, fixedProperty));
    }
}
