namespace TypedSession.Stores.Sqlite;

/// <summary>Where <see cref="SqliteSessionStore"/> keeps sessions and how often it removes expired ones.</summary>
public sealed class SqliteSessionStoreOptions
{
    /// <summary>The file name used under the application's content root when <see cref="DatabasePath"/> is not set.</summary>
    public const string DefaultFileName = "App_Data/typedsession.db";

    /// <summary>
    /// The SQLite database file. Relative paths are taken from the application's content root; the default is
    /// <c>App_Data/typedsession.db</c> there. The folder and the file are created when missing.
    /// </summary>
    public string? DatabasePath { get; set; }

    /// <summary>How often expired sessions are deleted from the file (default 10 minutes). Expired sessions never load in between.</summary>
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromMinutes(10);
}
