using System.Reflection;
using System.Runtime.CompilerServices;

namespace JinaClip.Tests.ModelFactory;

/// <summary>The public model can evolve: no positional records, no public constructors on output types, no const limits, no throwing getters.</summary>
public class PublicModelTests
{
    private static readonly Assembly Sdk = typeof(JinaEmbeddingClient).Assembly;

    /// <summary>The types the SDK builds and hands out; users build them only through <see cref="JinaClipModelFactory"/>.</summary>
    private static readonly Type[] OutputTypes =
    [
        typeof(JinaEmbedding), typeof(JinaEmbeddingCollection), typeof(EmbeddingUsage), typeof(EmbeddingProgress), typeof(InputRange),
        typeof(ApiFieldError), typeof(ImageSize), typeof(InputEstimate), typeof(TokenEstimate), typeof(ScoredMatch), typeof(SearchHit),
        typeof(RankedDocument), typeof(RerankResult), typeof(ModelInfo), typeof(ModelImageInput), typeof(InputFailure),
        typeof(LabelScore), typeof(LabelPrediction), typeof(ClassifiedInput), typeof(ClassificationResult), typeof(ClassifierInfo), typeof(TrainingResult),
    ];

    private static IEnumerable<Type> PublicTypes => Sdk.GetExportedTypes();

    [Fact]
    public void NoPublicType_HasADeconstructOrACloneMethod()
    {
        var names = PublicTypes.SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Select(m => $"{m.DeclaringType!.Name}.{m.Name}").ToList();
        Assert.DoesNotContain(names, n => n.EndsWith(".Deconstruct", StringComparison.Ordinal) || n.EndsWith(".<Clone>$", StringComparison.Ordinal));
        Assert.Contains("JinaEmbedding.GetVector", names);
    }

    [Fact]
    public void NoPublicConstant_IsALimit()
    {
        // Names are constants (model and task ids, the environment variable, the configuration section); limits are properties.
        var constants = PublicTypes.SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static)).Where(f => f.IsLiteral && f.FieldType != typeof(string));
        var offenders = constants.Where(f => !f.DeclaringType!.IsEnum).Select(f => $"{f.DeclaringType!.Name}.{f.Name}").ToList();
        Assert.Empty(offenders);
    }

    [Theory]
    [InlineData(nameof(EmbeddingInput.MaxImageBytes), 8 * 1024 * 1024)]
    public void Limits_AreStaticReadOnlyProperties(string name, int value)
    {
        var property = typeof(EmbeddingInput).GetProperty(name, BindingFlags.Public | BindingFlags.Static)!;
        Assert.Null(property.SetMethod);
        Assert.Equal(value, property.GetValue(null));
        Assert.Equal(16 * 1024 * 1024, ImageHeaderReader.MaxHeaderBytes);
    }

    [Fact]
    public void OutputTypes_HaveNoPublicConstructor()
    {
        var offenders = OutputTypes.Where(t => t.GetConstructors(BindingFlags.Public | BindingFlags.Instance).Length > 0).Select(t => t.Name).ToList();
        Assert.Empty(offenders);
    }

    [Fact]
    public void ModelFactory_BuildsEveryOutputType()
    {
        var missing = OutputTypes.Except(typeof(JinaClipModelFactory).GetMethods(BindingFlags.Public | BindingFlags.Static).Select(m => m.ReturnType)).Select(t => t.Name).ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void EveryPublicTypeReturnedByTheSdk_IsAnOutputTypeOrBuiltByTheUser()
    {
        // A public class or struct that a public member returns, that users cannot construct, must be in OutputTypes (and so in the factory).
        var returned = PublicTypes.SelectMany(t => t.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .SelectMany(m => m switch
            {
                MethodInfo method => Unwrap(method.ReturnType),
                PropertyInfo property => Unwrap(property.PropertyType),
                _ => [],
            })
            .Where(t => t.Assembly == Sdk && !t.IsEnum && !t.IsInterface && !typeof(Exception).IsAssignableFrom(t) && !t.IsAbstract)
            .Where(t => t.GetConstructors(BindingFlags.Public | BindingFlags.Instance).Length == 0 && !(t.IsAbstract && t.IsSealed))
            .Distinct();
        // ImagePlan is built by users' preprocessors, and LocalZeroShotClassifier by users, through their static factories.
        var missing = returned.Except(OutputTypes).Except([typeof(EmbeddingInput), typeof(VectorMatrix), typeof(VectorIndex), typeof(WordPieceTokenCounter), typeof(ImagePlan), typeof(LocalZeroShotClassifier)]).Select(t => t.Name).ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void NoPublicPropertyGetter_Throws()
    {
        var binary = JinaClipModelFactory.BinaryEmbedding(0, new byte[] { 0xF0 });
        var floats = JinaClipModelFactory.Embedding(0, new[] { 1f });
        foreach (var property in typeof(JinaEmbedding).GetProperties())
        {
            _ = property.GetValue(binary);
            _ = property.GetValue(floats);
        }

        Assert.False(binary.TryGetVector(out _));
        Assert.True(binary.TryGetPackedBits(out var bits));
        Assert.Equal([0xF0], bits.ToArray());
        Assert.True(floats.TryGetVector(out var vector));
        Assert.Equal([1f], vector.ToArray());
        Assert.Throws<InvalidOperationException>(() => binary.GetVector());
    }

    [Fact]
    public void Usage_TokensAreLong() =>
        Assert.All(typeof(EmbeddingUsage).GetProperties().Where(p => p.Name.EndsWith("Tokens", StringComparison.Ordinal)), p => Assert.Equal(typeof(long?), p.PropertyType));

    [Fact]
    public void TheTestingPackage_IsNotGivenTheCoresInternals() =>
        Assert.DoesNotContain(Sdk.GetCustomAttributes<InternalsVisibleToAttribute>(), a => a.AssemblyName.StartsWith("JinaClip.Testing", StringComparison.Ordinal));

    [Fact]
    public void ModelFactory_CollectionChecksIndices()
    {
        var ex = Assert.Throws<ArgumentException>(() => JinaClipModelFactory.EmbeddingCollection([JinaClipModelFactory.Embedding(1, new[] { 1f })]));
        Assert.Contains("position 0 must have index 0", ex.Message, StringComparison.Ordinal);
        var usage = JinaClipModelFactory.EmbeddingUsage(10, 4, 6);
        Assert.Equal((10L, 4L, 6L), (usage.TotalTokens!.Value, usage.PromptTokens!.Value, usage.ImageTokens!.Value));
        Assert.Equal(JinaClipModelFactory.EmbeddingUsage(10, 4, 6), usage);
    }

    private static IEnumerable<Type> Unwrap(Type type)
    {
        if (type.IsGenericType)
        {
            return type.GetGenericArguments().SelectMany(Unwrap).Append(type);
        }

        return type.IsArray ? Unwrap(type.GetElementType()!) : [type];
    }
}
