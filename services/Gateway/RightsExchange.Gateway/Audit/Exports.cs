using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using CsvHelper;
using NodaTime;
using NodaTime.Text;
using RightsExchange.Contracts;
using RightsExchange.Contracts.Audit.V1;

namespace RightsExchange.Gateway.Audit;

/// <summary>How an audit answer is written: one JSON document, CSV (RFC 4180, header row) or JSON Lines (one object per line).</summary>
public enum ExportFormat
{
    Json,
    Csv,
    Jsonl,
}

/// <summary>JSON text written into a response as it is, byte for byte (the stored event body the chain hashes).</summary>
[JsonConverter(typeof(RawJsonConverter))]
public sealed record RawJson(string Text);

public sealed class RawJsonConverter : JsonConverter<RawJson>
{
    public override RawJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new(JsonDocument.ParseValue(ref reader).RootElement.GetRawText());

    public override void Write(Utf8JsonWriter writer, RawJson value, JsonSerializerOptions options) =>
        writer.WriteRawValue(value.Text, skipInputValidation: true);
}

/// <summary>
/// One event of a log as the API shows it. <see cref="Timestamp"/> is written exactly as the chain's canonical bytes
/// have it (UTC, six fractional digits) and <see cref="Data"/> is the stored body unchanged, so that from an unfiltered
/// export anyone can recompute every <see cref="ChainHash"/> from the one before (see README, audit chain).
/// </summary>
public sealed record AuditEventView(
    string Log,
    long Sequence,
    string Stream,
    long Version,
    string Type,
    string Timestamp,
    string ChainHash,
    RawJson Data
)
{
    private static readonly InstantPattern Canonical = InstantPattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm:ss.ffffff'Z'");

    public static AuditEventView Of(string log, AuditLogEvent e) =>
        new(log, e.Sequence, e.Stream, e.Version, e.Type, Canonical.Format(e.Timestamp), e.ChainHash, new RawJson(e.Data));
}

/// <summary>
/// Streams rows to the response as they come: CSV through CsvHelper, JSON Lines through System.Text.Json, flushing
/// after each batch, so an export of the whole log never sits in memory.
/// </summary>
public static class Exports
{
    private static readonly JsonSerializerOptions Json = ContractJson.Web();

    /// <summary>Parses <c>format</c>: json (default), csv or jsonl; null for anything else.</summary>
    public static ExportFormat? ParseFormat(string? format) =>
        format?.ToLowerInvariant() switch
        {
            null or "" or "json" => ExportFormat.Json,
            "csv" => ExportFormat.Csv,
            "jsonl" or "ndjson" => ExportFormat.Jsonl,
            _ => null,
        };

    /// <summary>The media types of the file formats, as the OpenAPI document lists them.</summary>
    public static readonly string[] FileTypes = ["text/csv", "application/jsonl"];

    public static string ContentType(ExportFormat format) =>
        format switch
        {
            ExportFormat.Csv => "text/csv; charset=utf-8",
            ExportFormat.Jsonl => "application/jsonl; charset=utf-8",
            _ => "application/json; charset=utf-8",
        };

    /// <summary>
    /// Writes <paramref name="batches"/> to <paramref name="body"/> as CSV (columns named after <typeparamref name="T"/>'s
    /// properties, nested values as JSON) or JSON Lines.
    /// </summary>
    public static async Task Write<T>(Stream body, ExportFormat format, IAsyncEnumerable<IReadOnlyList<T>> batches, CancellationToken ct)
    {
        await using var text = new StreamWriter(body, new UTF8Encoding(false), 64 * 1024, leaveOpen: true);
        if (format == ExportFormat.Csv)
        {
            await using var csv = CsvWriter.Create(text, new CsvWriterOptions { FormatProvider = CultureInfo.InvariantCulture }, true);
            var properties = typeof(T).GetProperties();
            foreach (var p in properties)
                csv.WriteField(JsonNamingPolicy.CamelCase.ConvertName(p.Name));
            await csv.EndRecordAsync(ct);
            await foreach (var batch in batches.WithCancellation(ct))
            {
                foreach (var row in batch)
                {
                    foreach (var p in properties)
                        csv.WriteField(CsvValue(p.GetValue(row)));
                    await csv.EndRecordAsync(ct);
                }
                await csv.FlushAsync(ct);
                await text.FlushAsync(ct);
            }
            return;
        }
        await foreach (var batch in batches.WithCancellation(ct))
        {
            foreach (var row in batch)
            {
                await text.WriteAsync(JsonSerializer.Serialize(row, Json));
                await text.WriteAsync('\n');
            }
            await text.FlushAsync(ct);
        }
    }

    private static string CsvValue(object? value) =>
        value switch
        {
            null => "",
            RawJson raw => raw.Text,
            string s => s,
            decimal d => d.ToString(CultureInfo.InvariantCulture),
            IFormattable f when value.GetType().IsPrimitive => f.ToString(null, CultureInfo.InvariantCulture),
            Instant i => InstantPattern.ExtendedIso.Format(i),
            LocalDate d => LocalDatePattern.Iso.Format(d),
            Enum e => e.ToString(),
            _ => JsonSerializer.Serialize(value, Json),
        };

    /// <summary>One batch, for answers that are small by nature (positions, days).</summary>
    public static async IAsyncEnumerable<IReadOnlyList<T>> Once<T>(IReadOnlyList<T> rows)
    {
        await Task.CompletedTask;
        yield return rows;
    }
}
