namespace L7Gate.Deploy.Tests.Infrastructure;

/// <summary>Tests that run the published host share one publish (it is slow on a busy machine).</summary>
[CollectionDefinition(Name)]
public sealed class PublishedAppCollection : ICollectionFixture<PublishedApp>
{
    /// <summary>The collection name.</summary>
    public const string Name = "Published app";
}
