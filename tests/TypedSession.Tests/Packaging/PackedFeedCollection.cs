namespace TypedSession.Tests.Packaging;

/// <summary>
/// The test classes that consume the packed packages share one pack of the solution: packing twice at once would
/// write the same obj/ files from two processes, and each pack costs a minute.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PackedFeedCollection : ICollectionFixture<PackageConsumptionTests.PackedFeed>
{
    public const string Name = "Packed feed";
}
