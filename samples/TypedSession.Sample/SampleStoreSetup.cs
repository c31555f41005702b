using Microsoft.AspNetCore.DataProtection;
using StackExchange.Redis;
using TypedSession.Stores.Sqlite;

namespace TypedSession.Sample;

/// <summary>
/// Picks where the sample keeps its sessions, from configuration: <c>--store memory|sqlite|redis</c> and
/// <c>--redis host:port</c> on the command line, or the keys <c>Store</c> and <c>Redis</c> in appsettings.json or
/// environment variables (<c>Sqlite</c> names the SQLite file). The default, <c>memory</c>, needs no server.
/// </summary>
public static class SampleStoreSetup
{
    /// <summary>The Data Protection application name every instance shares, so that each reads the others' cookies.</summary>
    public const string ApplicationName = "TypedSession.Sample";

    /// <summary>Registers the configured session store; with Redis also keeps the Data Protection key ring there.</summary>
    public static WebApplicationBuilder AddSampleSessionStore(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var store = builder.Configuration["Store"] is { Length: > 0 } configured ? configured.Trim().ToLowerInvariant() : "memory";
        switch (store)
        {
            case "memory":
                // The engine's default: its store over the in-memory IDistributedCache. Sessions end with the process.
                break;

            case "sqlite":
                // App_Data/typedsession.db under the content root unless Sqlite names another file. The Data
                // Protection keys go beside it, so session cookies stay readable after a restart wherever it runs.
                var databasePath = Path.Combine(
                    builder.Environment.ContentRootPath,
                    builder.Configuration["Sqlite"] is { Length: > 0 } file ? file : SqliteSessionStoreOptions.DefaultFileName);
                builder.Services.AddTypedSessionSqliteStore(databasePath);
                builder.Services.AddDataProtection()
                    .SetApplicationName(ApplicationName)
                    .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(Path.GetDirectoryName(databasePath)!, "keys")));
                break;

            case "redis":
                var configuration = ConfigurationOptions.Parse(builder.Configuration["Redis"] is { Length: > 0 } redis ? redis : "localhost:6379");
                configuration.AbortOnConnectFail = false;
                configuration.BacklogPolicy = BacklogPolicy.FailFast;
                configuration.ClientName = ApplicationName;
                var connection = ConnectionMultiplexer.Connect(configuration);
                builder.Services.AddSingleton<IConnectionMultiplexer>(connection);
                builder.Services.AddTypedSessionRedisStore(connection);
                builder.Services.AddDataProtection()
                    .SetApplicationName(ApplicationName)
                    .PersistKeysToStackExchangeRedis(connection, ApplicationName + ":DataProtection-Keys");
                break;

            default:
                throw new InvalidOperationException($"Unknown session store '{builder.Configuration["Store"]}': use --store memory, sqlite or redis.");
        }

        return builder;
    }
}
