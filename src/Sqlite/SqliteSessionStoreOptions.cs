namespace TypedSession.Stores.Sqlite;

/// <summary>Where TypedSession's SQLite store keeps sessions and their Data Protection keys, and how often it removes expired sessions.</summary>
public sealed class SqliteSessionStoreOptions
{
    /// <summary>The file name used under the application's content root when <see cref="DatabasePath"/> is not set.</summary>
    public const string DefaultFileName = "App_Data/typedsession.db";

    /// <summary>The name of the key ring's folder beside the database when <see cref="DataProtectionKeysDirectory"/> is not set.</summary>
    public const string DefaultDataProtectionKeysFolder = "DataProtection-Keys";

    /// <summary>
    /// The SQLite database file. Relative paths are taken from the application's content root; the default is
    /// <c>App_Data/typedsession.db</c> there. The folder and the file are created when missing.
    /// </summary>
    public string? DatabasePath { get; set; }

    /// <summary>
    /// How often expired anonymous sessions are deleted from the file (default 10 minutes). Expired sessions never load
    /// in between. Expired logged-in sessions are left to the engine's expiry sweep, which reports each once.
    /// </summary>
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Keeps ASP.NET Core's Data Protection key ring beside the database file (default <see langword="true"/>), in
    /// <see cref="DataProtectionKeysDirectory"/>. Session cookies are protected with those keys: sessions that
    /// outlive a restart are readable only when the keys do too, which the default key location (the user profile)
    /// does not promise in a container or under a service account. The store fills in the key ring only when the
    /// application has not chosen one itself (for example with <c>PersistKeysToFileSystem</c>); set this to
    /// <see langword="false"/> to leave Data Protection alone.
    /// </summary>
    public bool PersistDataProtectionKeys { get; set; } = true;

    /// <summary>
    /// The folder of the Data Protection key ring. Relative paths are taken from the application's content root;
    /// <see langword="null"/> (the default) means the folder <see cref="DefaultDataProtectionKeysFolder"/> beside
    /// the database file (<c>App_Data/DataProtection-Keys</c> with the default database).
    /// </summary>
    public string? DataProtectionKeysDirectory { get; set; }
}
