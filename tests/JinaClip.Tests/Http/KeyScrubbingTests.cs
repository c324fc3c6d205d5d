using System.Diagnostics;
using System.Net;
using JinaClip.Tests.TestSupport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace JinaClip.Tests.Http;

/// <summary>A server that echoes the key, in any field and at any length, never gets it stored, logged or traced.</summary>
public class KeyScrubbingTests
{
    private const string Key = JinaMock.Key;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Every 12-character piece of the key: none may survive anywhere, not even half a key cut at a snippet's end.</summary>
    private static IEnumerable<string> Fragments() => Enumerable.Range(0, Key.Length - 11).Select(i => Key.Substring(i, 12));

    private static void HasNoPartOfTheKey(string? text)
    {
        if (text is null)
        {
            return;
        }

        foreach (var fragment in Fragments())
        {
            Assert.DoesNotContain(fragment, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ErrorEchoingTheKeyInEveryField_ScrubsCodeRequestIdFieldAndType()
    {
        var body = $$"""{"detail":"x","code":"{{Key}}","request_id":"req-{{Key}}","errors":[{"field":"{{Key}}","message":"m","type":"t{{Key}}"}]}""";
        using var mock = new JinaMock((_, _) => JinaMock.Json(body, HttpStatusCode.UnprocessableEntity));
        using var client = mock.CreateClient();

        var ex = await Assert.ThrowsAsync<JinaApiException>(() => client.EmbedAsync(["a"], cancellationToken: Ct));

        Assert.Equal("***", ex.ErrorCode);
        Assert.Equal("req-***", ex.RequestId);
        var field = Assert.Single(ex.FieldErrors);
        Assert.Equal("***", field.Field);
        Assert.Equal("t***", field.Type);
        HasNoPartOfTheKey(ex.ToString());
    }

    [Fact]
    public async Task ErrorEchoingTheKeyJsonEscaped_IsScrubbedAfterParsing()
    {
        var escaped = string.Concat(Key.Select(c => $"\\u{(int)c:x4}"));
        using var mock = new JinaMock((_, _) => JinaMock.Json($$"""{"detail":"bad key {{escaped}}"}""", HttpStatusCode.Unauthorized));
        using var client = mock.CreateClient();

        var ex = await Assert.ThrowsAsync<JinaApiException>(() => client.EmbedAsync(["a"], cancellationToken: Ct));

        Assert.Equal("bad key ***", ex.Detail);
        HasNoPartOfTheKey(ex.ToString());
    }

    [Theory]
    [InlineData(150)]
    [InlineData(180)]
    [InlineData(199)]
    public async Task NonJsonErrorWithTheKeyStraddlingTheSnippetCut_LeavesNoPartOfIt(int before)
    {
        var text = new string('x', before) + Key + new string('y', 300);
        using var mock = new JinaMock((_, _) => new HttpResponseMessage(HttpStatusCode.BadGateway) { Content = new StringContent(text) });
        using var client = mock.CreateClient();

        var ex = await Assert.ThrowsAsync<JinaApiException>(() => client.EmbedAsync(["a"], cancellationToken: Ct));

        Assert.StartsWith(new string('x', before) + "*", ex.ResponseSnippet, StringComparison.Ordinal);
        HasNoPartOfTheKey(ex.ResponseSnippet);
        HasNoPartOfTheKey(ex.Message);
        HasNoPartOfTheKey(ex.ToString());
    }

    [Fact]
    public async Task SuccessBodyWhoseModelIsTheKey_KeepsItOutOfResultLogsAndTraces()
    {
        var collector = new FakeLogCollector();
        using var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(collector)));
        var tags = new List<object?>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == "JinaClip",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                lock (tags)
                {
                    tags.AddRange(a.TagObjects.Select(t => t.Value));
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        using var mock = new JinaMock((_, _) => JinaMock.Json(Responses.Base64Body(Key, [Responses.Vector(4, 1)])));
        using var client = mock.CreateClient(o => { o.DefaultModel = "m"; o.LoggerFactory = factory; });

        var result = await client.EmbedAsync(["a"], cancellationToken: Ct);

        Assert.Equal("***", result.Model);
        Assert.All(collector.GetSnapshot(), r => HasNoPartOfTheKey(r.Message));
        Assert.Contains(collector.GetSnapshot(), r => r.Message.StartsWith("Received 1 embeddings from ***", StringComparison.Ordinal));
        lock (tags)
        {
            Assert.Contains("***", tags);
            Assert.All(tags, t => HasNoPartOfTheKey(t?.ToString()));
        }
    }

    /// <summary>The echoes a hostile or careless server sends: the Authorization header cut short, escaped, encoded.</summary>
    public static TheoryData<string, string> Echoes => new()
    {
        { "the header cut to 40 characters", ("Bearer " + Key)[..40] },
        { "JSON-escaped, cut at the end", string.Concat(Key.Select(c => $"\\u{(int)c:X4}"))[..200] },
        { "URL-encoded", string.Concat(System.Text.Encoding.UTF8.GetBytes(Key).Select(b => $"%{b:X2}")) },
        { "base64 of the header", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("Bearer " + Key)) },
        { "base64 of the header, cut", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("Bearer " + Key))[..40] },
    };

    [Theory]
    [MemberData(nameof(Echoes))]
    public async Task ErrorEchoingTheKeyCutOrEncoded_InItsDetailAndAsText_LeavesNoPartOfIt(string form, string echo)
    {
        // The detail is parsed JSON; the echo is written into the JSON as it is (escapes stay escapes in the raw body).
        var json = $$"""{"detail":"you sent {{echo}}"}""";
        using var asJson = new JinaMock((_, _) => JinaMock.Json(json, HttpStatusCode.Unauthorized));
        using var asText = new JinaMock((_, _) => new HttpResponseMessage(HttpStatusCode.BadGateway) { Content = new StringContent($"upstream: {echo}") });

        foreach (var mock in new[] { asJson, asText })
        {
            using var client = mock.CreateClient();
            var ex = await Assert.ThrowsAsync<JinaApiException>(() => client.EmbedAsync(["a"], cancellationToken: Ct));

            Assert.Contains("***", ex.ToString(), StringComparison.Ordinal);
            HasNoPartOfTheKey(ex.Detail);
            HasNoPartOfTheKey(ex.ResponseSnippet);
            HasNoPartOfTheKey(ex.ToString());
            HasNoEncodedPartOfTheKey(ex.ToString(), form);
        }
    }

    private static void HasNoEncodedPartOfTheKey(string text, string form)
    {
        var header = System.Text.Encoding.UTF8.GetBytes("Bearer " + Key);
        var base64 = Convert.ToBase64String(header);
        for (var i = 12; i + 12 <= base64.Length - 4; i += 4)
        {
            Assert.False(text.Contains(base64.Substring(i, 12), StringComparison.Ordinal), $"{form}: base64 of the key survived");
        }

        var escaped = string.Concat(Key[..12].Select(c => $"\\u{(int)c:x4}"));
        Assert.False(text.Contains(escaped, StringComparison.OrdinalIgnoreCase), $"{form}: the escaped key survived");
        var percent = string.Concat(System.Text.Encoding.UTF8.GetBytes(Key[..12]).Select(b => $"%{b:X2}"));
        Assert.False(text.Contains(percent, StringComparison.OrdinalIgnoreCase), $"{form}: the URL-encoded key survived");
    }
}
