using System.Globalization;

namespace ContactsAdmin.Features.Import;

/// <summary>A file an import cannot read at all (too large, not there, not text): nothing of it is imported.</summary>
public sealed class ImportFileException(string message, Exception? inner = null) : Exception(message, inner)
{
    public static ImportFileException TooLarge() => new(string.Create(CultureInfo.InvariantCulture,
        $"The file is larger than {ImportLimits.MaxFileBytes / 1024 / 1024} MB: split it into smaller files."));
}
