using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace JinaClip.Testing.Emulator;

/// <summary>Error bodies in the API's shapes: <c>{detail, code, request_id}</c> and the 422 <c>{detail, errors[]}</c>.</summary>
internal static class ErrorBodies
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Error(string detail, string? code, string requestId)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartObject();
            writer.WriteString("detail", detail);
            if (code is not null)
            {
                writer.WriteString("code", code);
            }

            writer.WriteString("request_id", requestId);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    public static byte[] Validation(IReadOnlyList<FieldError> errors, string requestId)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartObject();
            writer.WriteString("detail", $"[RID: {requestId}] Validation errors in {errors.Count} field{(errors.Count == 1 ? string.Empty : "s")}");
            writer.WriteStartArray("errors");
            foreach (var error in errors)
            {
                writer.WriteStartObject();
                writer.WriteString("field", error.Field);
                writer.WriteString("message", error.Message);
                writer.WriteString("type", error.Type);
                if (error.Input is not null)
                {
                    writer.WritePropertyName("input");
                    writer.WriteRawValue(error.Input, skipInputValidation: false);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>The code and detail the API documents for a status, for scripted failures.</summary>
    public static (string Code, string Detail) ForStatus(HttpStatusCode status) => (int)status switch
    {
        400 => ("INPUT_INVALID", "Bad request (emulated fault)"),
        401 => ("AUTH_INVALID_API_KEY", "Invalid API key (emulated fault)"),
        402 => ("AUTHZ_INSUFFICIENT_BALANCE", "Payment required (emulated fault)"),
        403 => ("AUTHZ_INSUFFICIENT_BALANCE", "Insufficient balance. Top up your account (emulated fault)"),
        404 => ("RESOURCE_NOT_FOUND", "Not found (emulated fault)"),
        408 => ("REQUEST_TIMEOUT", "Request timeout (emulated fault)"),
        409 => ("CONFLICT_RESOURCE_BUSY", "Resource busy, retry after a few moments (emulated fault)"),
        422 => ("VALIDATION_ERROR", "Validation error (emulated fault)"),
        429 => ("RATE_REQUEST_LIMIT_EXCEEDED", "501/500 requests per minute (emulated fault)"),
        500 => ("INTERNAL_ERROR", "Internal error; contact support with the request_id (emulated fault)"),
        502 => ("BAD_GATEWAY", "Bad gateway (emulated fault)"),
        503 => ("SERVICE_UNAVAILABLE", "Service unavailable. Please retry with exponential backoff. (emulated fault)"),
        504 => ("SERVICE_TIMEOUT", "Request timed out after 60 seconds (emulated fault)"),
        _ => ("EMULATED_FAULT", $"Emulated fault {(int)status}"),
    };
}
