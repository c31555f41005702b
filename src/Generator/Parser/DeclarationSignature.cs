using System.Collections.Generic;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TypedSession.Generator.Model;

namespace TypedSession.Generator.Parser;

/// <summary>
/// Reads a syntax tree's declarations without the code inside them. The model of a session class depends on
/// declarations only (its members, the types its properties name, the JSON context's attributes, constants used as
/// keys, <c>#nullable</c>), never on the statements of a method, so an edit that leaves every tree's signature equal
/// cannot change any model. What is left out:
/// <list type="bullet">
/// <item>bodies and expression bodies of methods, accessors, constructors, operators and local functions;</item>
/// <item>initializers of fields that are not <c>const</c> (an attribute argument can only name a constant);</item>
/// <item>top-level statements (only whether there are any: they declare <c>Program</c>);</item>
/// <item>the methods, operators, conversions and finalizers of a type that is neither <c>partial</c> nor attributed:
/// only a session class's own method names count (every part of a session class is partial), a method never takes
/// part in looking up a type, and the JSON codec of a property's type reads its properties, fields and constructors,
/// which stay.</item>
/// </list>
/// Whatever the parser starts to read from a declaration must stay in the signature, or an edit to it would leave a
/// stale model: the tests in DeclarationSignatureTests and IncrementalGenerationTests pin what each part is for.
/// </summary>
internal static class DeclarationSignature
{
    /// <summary>The declarations of <paramref name="tree"/>.</summary>
    public static TreeDeclarations Read(SyntaxTree tree, CancellationToken cancellationToken)
    {
        var root = tree.GetRoot(cancellationToken);
        var signature = new StringBuilder();
        Write(root, signature, cancellationToken);
        if (root is CompilationUnitSyntax unit && HasTopLevelStatements(unit))
        {
            signature.Append("<top-level statements>");
        }

        var candidates = new List<string>();
        if (root is CompilationUnitSyntax compilationUnit)
        {
            CollectClassCandidates(compilationUnit.Members, string.Empty, null, candidates);
        }
        return new TreeDeclarations(tree.FilePath, signature.ToString(), new EquatableArray<string>(candidates));
    }

    private static void Write(SyntaxNode node, StringBuilder signature, CancellationToken cancellationToken)
    {
        foreach (var child in node.ChildNodesAndTokens())
        {
            if (child.IsToken)
            {
                WriteToken(child.AsToken(), signature);
                continue;
            }
            var childNode = child.AsNode()!;
            if (IsDropped(childNode))
            {
                WriteNullableDirectives(childNode, signature);
            }
            else if (IsLeftOut(childNode))
            {
                // Keep the kind of what was left out, so that `{ }` and `=> x` bodies stay apart from no body at all.
                signature.Append('<').Append((int)childNode.Kind()).Append("> ");
                WriteNullableDirectives(childNode, signature);
            }
            else
            {
                cancellationToken.ThrowIfCancellationRequested();
                Write(childNode, signature, cancellationToken);
            }
        }
    }

    // Left out without a trace: adding or removing one changes nothing.
    private static bool IsDropped(SyntaxNode node) => node switch
    {
        GlobalStatementSyntax => true,
        // Constructors stay: the JSON codec of a property's type is built from them.
        MethodDeclarationSyntax or OperatorDeclarationSyntax or ConversionOperatorDeclarationSyntax or DestructorDeclarationSyntax
            when node.Parent is TypeDeclarationSyntax type =>
            type.AttributeLists.Count == 0 && !type.Modifiers.Any(SyntaxKind.PartialKeyword),
        _ => false,
    };

    // Left out, its presence kept.
    private static bool IsLeftOut(SyntaxNode node) => node switch
    {
        BlockSyntax or ArrowExpressionClauseSyntax => true,
        EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent.Parent: BaseFieldDeclarationSyntax field } } =>
            !field.Modifiers.Any(SyntaxKind.ConstKeyword),
        _ => false,
    };

    private static void WriteToken(SyntaxToken token, StringBuilder signature)
    {
        if (token.ContainsDirectives)
        {
            foreach (var trivia in token.LeadingTrivia)
            {
                if (trivia.IsKind(SyntaxKind.NullableDirectiveTrivia))
                {
                    signature.Append(trivia.ToString()).Append('\n');
                }
            }
        }
        signature.Append(token.Text).Append(' ');
    }

    // A #nullable inside a left-out body still changes the annotations of the declarations after it.
    private static void WriteNullableDirectives(SyntaxNode node, StringBuilder signature)
    {
        if (!node.ContainsDirectives)
        {
            return;
        }
        foreach (var trivia in node.DescendantTrivia())
        {
            if (trivia.IsKind(SyntaxKind.NullableDirectiveTrivia))
            {
                signature.Append(trivia.ToString()).Append('\n');
            }
        }
    }

    private static bool HasTopLevelStatements(CompilationUnitSyntax unit)
    {
        foreach (var member in unit.Members)
        {
            if (member is GlobalStatementSyntax)
            {
                return true;
            }
        }
        return false;
    }

    // The classes and records that carry an attribute list, as ForAttributeWithMetadataName's syntax filter would
    // find them, named as metadata names so that the semantic stage finds their symbols without any syntax.
    private static void CollectClassCandidates(
        SyntaxList<MemberDeclarationSyntax> members, string namespaceName, string? containingTypeName, List<string> candidates)
    {
        foreach (var member in members)
        {
            switch (member)
            {
                case BaseNamespaceDeclarationSyntax ns:
                    var name = QualifiedName(ns.Name);
                    CollectClassCandidates(ns.Members, namespaceName.Length == 0 ? name : namespaceName + "." + name, null, candidates);
                    break;
                case TypeDeclarationSyntax type:
                    var typeName = type.Identifier.ValueText;
                    if (type.TypeParameterList is { Parameters.Count: > 0 } typeParameters)
                    {
                        typeName += "`" + typeParameters.Parameters.Count;
                    }
                    var metadataName = containingTypeName is not null
                        ? containingTypeName + "+" + typeName
                        : namespaceName.Length == 0 ? typeName : namespaceName + "." + typeName;
                    if (type is ClassDeclarationSyntax or RecordDeclarationSyntax && type.AttributeLists.Count > 0)
                    {
                        candidates.Add(metadataName);
                    }
                    CollectClassCandidates(type.Members, namespaceName, metadataName, candidates);
                    break;
            }
        }
    }

    private static string QualifiedName(NameSyntax name) => name switch
    {
        QualifiedNameSyntax qualified => QualifiedName(qualified.Left) + "." + QualifiedName(qualified.Right),
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
        _ => name.ToString(),
    };
}
