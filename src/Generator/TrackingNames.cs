namespace TypedSession.Generator;

/// <summary>
/// Names of the pipeline steps of <see cref="SessionGenerator"/>, so that tests can find each step's outputs with
/// <c>trackIncrementalGeneratorSteps</c> and assert that it was cached.
/// </summary>
internal static class TrackingNames
{
    /// <summary>Each syntax tree's declarations without the code inside them, read again only for a changed tree.</summary>
    public const string Declarations = nameof(Declarations);

    /// <summary>
    /// The declarations of every tree with the options and references: equal after an edit inside a method, and then
    /// nothing after it runs.
    /// </summary>
    public const string SemanticEnvironment = nameof(SemanticEnvironment);

    /// <summary>The models of the <c>[Session]</c> classes (null for a class the generator cannot serve).</summary>
    public const string SessionClasses = nameof(SessionClasses);

    /// <summary>The models of the classes the generator can serve.</summary>
    public const string ServableSessionClasses = nameof(ServableSessionClasses);

    /// <summary>The parsed shipped-schema file, or null when the project has none.</summary>
    public const string ShippedSchema = nameof(ShippedSchema);

    /// <summary>The servable models with the widenings the shipped schema shows: what each class's file is written from.</summary>
    public const string EmittedSessionClasses = nameof(EmittedSessionClasses);

    /// <summary>The JSON metadata and codecs each servable class uses, one per (type, context) pair.</summary>
    public const string JsonCodecs = nameof(JsonCodecs);

    /// <summary>The JSON metadata and codecs of the whole compilation, each pair once, for the shared JSON file.</summary>
    public const string DistinctJsonCodecs = nameof(DistinctJsonCodecs);

    /// <summary>The <c>[Session]</c> classes that are not partial and whose partial members the compiler rejects (SESS001).</summary>
    public const string NotPartialSessionClasses = nameof(NotPartialSessionClasses);
}
