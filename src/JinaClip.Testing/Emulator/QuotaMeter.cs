using System.Globalization;
using System.Text.Json;

namespace JinaClip.Testing.Emulator;

/// <summary>The emulator's per-key counters for <see cref="EmulatorQuota"/>: requests and tokens of the current window, requests in flight.</summary>
internal sealed class QuotaMeter
{
    private readonly EmulatorQuota _quota;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, KeyState> _keys = new(StringComparer.Ordinal);
    private long _rejected;

    public QuotaMeter(EmulatorQuota quota, TimeProvider time)
    {
        if (quota.Window <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(quota), quota.Window, "EmulatorQuota.Window must be positive.");
        }

        _quota = quota;
        _time = time;
    }

    /// <summary>Gets how many requests were answered 429 by the quota.</summary>
    public int Rejected => (int)Interlocked.Read(ref _rejected);

    /// <summary>Admits a request of <paramref name="key"/>, or returns the 429 that refuses it.</summary>
    public EmulatorResponse? Admit(string key, string requestId)
    {
        lock (_keys)
        {
            var state = State(key);
            string? code = null;
            string? detail = null;
            var retryAfter = Reset(state) - _time.GetUtcNow();
            if (_quota.MaxConcurrentRequests is { } concurrent && state.InFlight >= concurrent)
            {
                (code, detail, retryAfter) = ("RATE_CONCURRENCY_LIMIT_EXCEEDED", $"{state.InFlight}/{concurrent} concurrent requests. Wait for pending requests to complete.", TimeSpan.FromSeconds(1));
            }
            else if (_quota.RequestsPerWindow is { } requests && state.Requests >= requests)
            {
                (code, detail) = ("RATE_REQUEST_LIMIT_EXCEEDED", $"{state.Requests + 1}/{requests} requests per {Describe(_quota.Window)}.");
            }
            else if (_quota.TokensPerWindow is { } tokens && state.Tokens >= tokens)
            {
                (code, detail) = ("RATE_TOKEN_LIMIT_EXCEEDED", $"{state.Tokens}/{tokens} tokens per {Describe(_quota.Window)}. Reduce batch sizes or wait.");
            }

            if (code is not null)
            {
                Interlocked.Increment(ref _rejected);
                return new EmulatorResponse(429, ErrorBodies.Error(detail!, code, requestId), RetryAfter: retryAfter < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : retryAfter, Headers: Headers(state));
            }

            state.Requests++;
            state.InFlight++;
            return null;
        }
    }

    /// <summary>Ends an admitted request: counts its answer's tokens and adds the remaining-quota headers.</summary>
    public EmulatorResponse Complete(string key, EmulatorResponse response)
    {
        var tokens = response.Status == 200 ? UsageOf(response.Body) : 0;
        lock (_keys)
        {
            var state = State(key);
            state.InFlight--;
            state.Tokens += tokens;
            return response with { Headers = Headers(state) };
        }
    }

    private KeyState State(string key)
    {
        if (!_keys.TryGetValue(key, out var state))
        {
            _keys[key] = state = new KeyState();
        }

        // A new window starts the counts again; requests in flight carry over.
        var window = _time.GetUtcNow().UtcTicks / _quota.Window.Ticks;
        if (window != state.Window)
        {
            state.Window = window;
            state.Requests = 0;
            state.Tokens = 0;
        }

        return state;
    }

    private DateTimeOffset Reset(KeyState state) => new(new DateTime((state.Window + 1) * _quota.Window.Ticks, DateTimeKind.Utc));

    private Dictionary<string, string> Headers(KeyState state)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (_quota.RequestsPerWindow is { } requests)
        {
            headers["X-RateLimit-Remaining-Requests"] = Math.Max(0, requests - state.Requests).ToString(CultureInfo.InvariantCulture);
        }

        if (_quota.TokensPerWindow is { } tokens)
        {
            headers["X-RateLimit-Remaining-Tokens"] = Math.Max(0, tokens - state.Tokens).ToString(CultureInfo.InvariantCulture);
        }

        return headers;
    }

    private static long UsageOf(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("usage", out var usage) && usage.ValueKind == JsonValueKind.Object
                && usage.TryGetProperty("total_tokens", out var total) && total.TryGetInt64(out var tokens) ? tokens : 0;
        }
        catch (JsonException)
        {
            return 0;
        }
    }

    private static string Describe(TimeSpan window) => window == TimeSpan.FromMinutes(1) ? "minute" : $"{window.TotalSeconds:0.###} s";

    private sealed class KeyState
    {
        public long Window { get; set; } = -1;

        public int Requests { get; set; }

        public long Tokens { get; set; }

        public int InFlight { get; set; }
    }
}
