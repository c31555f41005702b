using System;
using System.IO;

namespace TypedSession.Generator.Schema;

/// <summary>The shipped-schema file a project opts in with: an AdditionalFile of this name.</summary>
internal static class SessionSchemaFile
{
    /// <summary>The file's name, wherever it sits in the project.</summary>
    public const string FileName = "SessionSchema.Shipped.txt";

    /// <summary>True when <paramref name="path"/> names the shipped-schema file.</summary>
    public static bool IsSchemaFile(string path) =>
        string.Equals(Path.GetFileName(path), FileName, StringComparison.OrdinalIgnoreCase);
}
