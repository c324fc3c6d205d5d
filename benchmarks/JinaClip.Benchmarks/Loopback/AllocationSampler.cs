using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace JinaClip.Benchmarks.Loopback;

/// <summary>
/// Samples what this process allocates by type (the runtime's AllocationTick event, about one every 100 KB), to find
/// which allocations a client makes per call: <c>loopback … JinaClip allocations</c>.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private readonly ConcurrentDictionary<string, long> _bytes = new();

    public bool Recording { get; set; }

    public IEnumerable<(string Type, long Bytes)> Top(int count) => _bytes.OrderByDescending(p => p.Value).Take(count).Select(p => (p.Key, p.Value));

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x1); // GC keyword: AllocationTick
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (!Recording || eventData.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) != true || eventData.Payload is null)
        {
            return;
        }

        var type = eventData.PayloadNames!.IndexOf("TypeName") is var t and >= 0 ? eventData.Payload[t] as string ?? "?" : "?";
        var amount = eventData.PayloadNames.IndexOf("AllocationAmount64") is var a and >= 0 ? Convert.ToInt64(eventData.Payload[a], System.Globalization.CultureInfo.InvariantCulture) : 0;
        _bytes.AddOrUpdate(type, amount, (_, v) => v + amount);
    }
}
