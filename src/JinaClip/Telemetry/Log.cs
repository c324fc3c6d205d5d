using Microsoft.Extensions.Logging;

namespace JinaClip.Telemetry;

/// <summary>
/// The SDK's log messages (source-generated). Inputs are logged only at Trace, images never as their bytes, and the
/// API key never.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Sending {Inputs} inputs to {Model} at {Endpoint}")]
    public static partial void Sending(ILogger logger, int inputs, string model, Uri endpoint);

    [LoggerMessage(EventId = 2, Level = LogLevel.Trace, Message = "Inputs: {Inputs}")]
    public static partial void Inputs(ILogger logger, string inputs);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "Received {Count} {Items} from {Model}: {Tokens} tokens in {ElapsedMs:0.0} ms")]
    public static partial void Received(ILogger logger, int count, string items, string model, long? tokens, double elapsedMs);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Request to {Endpoint} failed ({ErrorType}); retry {Attempt} in {DelayMs:0} ms")]
    public static partial void Retrying(ILogger logger, Uri endpoint, string errorType, int attempt, double delayMs);

    [LoggerMessage(EventId = 5, Level = LogLevel.Debug, Message = "Request to {Endpoint} failed ({ErrorType}) after {ElapsedMs:0.0} ms")]
    public static partial void Failed(ILogger logger, Uri endpoint, string errorType, double elapsedMs);

    [LoggerMessage(EventId = 6, Level = LogLevel.Debug, Message = "Input {Index}: image {Original} sent as {Sent} ({BytesBefore} bytes → {BytesAfter})")]
    public static partial void ImagePrepared(ILogger logger, int index, ImageSize? original, ImageSize sent, int bytesBefore, int bytesAfter);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "Input {Index}: image sent unchanged, {Note}")]
    public static partial void ImageUnchanged(ILogger logger, int index, string note);
}
