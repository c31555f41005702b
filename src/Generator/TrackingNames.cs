namespace TypedSession.Generator;

/// <summary>
/// Names of the pipeline steps of <see cref="SessionGenerator"/>, so that tests can find each step's outputs with
/// <c>trackIncrementalGeneratorSteps</c> and assert that it was cached.
/// </summary>
internal static class TrackingNames
{
    /// <summary>The <c>[Session]</c> classes found by <c>ForAttributeWithMetadataName</c>, parsed into models (or null).</summary>
    public const string SessionClasses = nameof(SessionClasses);

    /// <summary>The models of the classes the generator can serve.</summary>
    public const string ServableSessionClasses = nameof(ServableSessionClasses);
}
