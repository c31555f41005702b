using StackExchange.Redis;

namespace TypedSession.Stores.Redis;

/// <summary>
/// Where TypedSession's Redis store keeps sessions. Give it a connection in one of three ways: a
/// <see cref="Configuration"/> string, <see cref="ConfigurationOptions"/>, or a
/// <see cref="ConnectionMultiplexerFactory"/>; with none of them, the store uses the
/// <see cref="IConnectionMultiplexer"/> registered in the service container.
/// </summary>
public sealed class RedisSessionStoreOptions
{
    /// <summary>The default <see cref="KeyPrefix"/>.</summary>
    public const string DefaultKeyPrefix = "typedsession:";

    /// <summary>The name after <see cref="KeyPrefix"/> of the key ring's Redis key when <see cref="DataProtectionKeysKey"/> is not set.</summary>
    public const string DefaultDataProtectionKeysKey = "DataProtection-Keys";

    /// <summary>
    /// A StackExchange.Redis configuration string such as <c>localhost:6379</c> or
    /// <c>redis1:6379,redis2:6379,password=...</c>. The store opens its own connection from it, lets it reconnect in
    /// the background and fails commands at once while Redis is unreachable, so requests see the session as
    /// unavailable instead of waiting.
    /// </summary>
    public string? Configuration { get; set; }

    /// <summary>Configuration of the connection the store opens itself; used as given. Takes precedence over <see cref="Configuration"/>.</summary>
    public ConfigurationOptions? ConfigurationOptions { get; set; }

    /// <summary>
    /// Supplies an existing connection, for example one the application shares with its cache. The store never
    /// disposes a connection it did not open. Takes precedence over the other two.
    /// </summary>
    public Func<Task<IConnectionMultiplexer>>? ConnectionMultiplexerFactory { get; set; }

    /// <summary>
    /// Prepended to every session's store key to make its Redis key, so that sessions share a database with other
    /// data safely. Default <c>typedsession:</c>.
    /// </summary>
    public string KeyPrefix { get; set; } = DefaultKeyPrefix;

    /// <summary>The Redis database number; -1 (the default) means the connection's default database.</summary>
    public int Database { get; set; } = -1;

    /// <summary>
    /// Keeps ASP.NET Core's Data Protection key ring in the same Redis as the sessions (default
    /// <see langword="true"/>), under <see cref="DataProtectionKeysKey"/>. Session cookies are protected with those
    /// keys: sessions that outlive a restart, or that several instances share, are readable only when the keys are
    /// shared too. The store fills in the key ring only when the application has not chosen one itself (for example
    /// with <c>PersistKeysToFileSystem</c>); set this to <see langword="false"/> to leave Data Protection alone.
    /// </summary>
    public bool PersistDataProtectionKeys { get; set; } = true;

    /// <summary>
    /// The Redis key of the Data Protection key ring (a list, as <c>PersistKeysToStackExchangeRedis</c> keeps it);
    /// <see langword="null"/> (the default) means <see cref="KeyPrefix"/> followed by
    /// <see cref="DefaultDataProtectionKeysKey"/>: <c>typedsession:DataProtection-Keys</c>.
    /// </summary>
    public string? DataProtectionKeysKey { get; set; }
}
