namespace JinaClip.Tests.Samples;

/// <summary>The tests that share one web sample process (<see cref="SampleWebAppFixture"/>).</summary>
[CollectionDefinition(nameof(WebSampleProcess))]
public sealed class WebSampleProcess : ICollectionFixture<SampleWebAppFixture>;
