namespace TypedSession.Generator.Model;

/// <summary>
/// A type that contains the session class, re-declared as <c>partial</c> around the generated part. An equatable
/// record of strings, so that the incremental pipeline can compare models by value.
/// </summary>
/// <param name="Keyword">The declaration keyword: <c>class</c>, <c>struct</c>, <c>record</c>, <c>record struct</c> or <c>interface</c>.</param>
/// <param name="Name">The name with its type parameters, as declared (<c>Outer</c>, <c>Outer&lt;T&gt;</c>).</param>
internal sealed record ContainingTypeSpec(string Keyword, string Name);
