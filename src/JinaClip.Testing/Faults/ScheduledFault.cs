using System.Net;

namespace JinaClip.Testing.Faults;

/// <summary>One fault waiting for the next request.</summary>
internal sealed record ScheduledFault(FaultKind Kind, HttpStatusCode Status = default, TimeSpan? RetryAfter = null);
