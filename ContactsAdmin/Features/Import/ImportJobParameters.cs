using System.Text.Json.Serialization;

namespace ContactsAdmin.Features.Import;

/// <summary>
/// What an import job stores to run on its own, and again after a restart: the uploaded file
/// (<see cref="ImportUploads"/>), how to read it, its columns and where they go (a mapping file's JSON,
/// <see cref="ImportMapping.ToJson"/>), and the user's choices.
/// </summary>
public sealed record ImportJobParameters(
    string UploadId,
    string FileName,
    int CodePage,
    char Delimiter,
    bool HasHeader,
    IReadOnlyList<string> Columns,
    string Mapping,
    ImportOptions Options)
{
    /// <summary>The background job kind an import runs as.</summary>
    public const string JobKind = "import";

    /// <summary>How to read the file; not stored itself (an <see cref="System.Text.Encoding"/> does not serialize: the code page is).</summary>
    [JsonIgnore]
    public CsvFormat Format => new(CsvSniffer.EncodingOf(CodePage), Delimiter, HasHeader);

    public static ImportJobParameters For(ImportUpload upload, CsvFormat format, IReadOnlyList<string> columns, ImportMapping mapping, ImportOptions options) =>
        new(upload.Id, upload.FileName, format.Encoding.CodePage, format.Delimiter, format.HasHeader, columns, mapping.ToJson(columns), options);
}
