namespace TypedSession.Tests.Packaging;

/// <summary>
/// The test classes that pack the solution or build projects with <c>dotnet build</c> run one after another and share one
/// pack: packing twice at once would write the same obj/ files from two processes, and several real builds at once
/// starve the rest of the suite on a two-core machine.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PackedFeedCollection : ICollectionFixture<PackageConsumptionTests.PackedFeed>
{
    public const string Name = "Packed feed";
}
