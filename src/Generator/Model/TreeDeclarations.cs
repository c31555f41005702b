namespace TypedSession.Generator.Model;

/// <summary>
/// What one syntax tree contributes to the meaning of every session class in the compilation: its declarations
/// without the code inside them. Only strings, so that the incremental pipeline computes it once per tree and
/// compares it by value: an edit inside a method body, a comment or whitespace yields an equal value, and then no
/// session class is inspected again.
/// </summary>
/// <param name="FilePath">The tree's path (file-local types and generated-file checks depend on it).</param>
/// <param name="Signature">
/// The tree's tokens with every body, expression body, non-constant field initializer and top-level statement left
/// out, plus its <c>#nullable</c> directives in order; see <see cref="Parser.DeclarationSignature"/>.
/// </param>
/// <param name="ClassCandidates">
/// Metadata names (<c>Ns.Outer+Inner`1</c>) of the classes and records declared here with at least one attribute: the
/// only types that may carry <c>[Session]</c>.
/// </param>
internal sealed record TreeDeclarations(string FilePath, string Signature, EquatableArray<string> ClassCandidates);
