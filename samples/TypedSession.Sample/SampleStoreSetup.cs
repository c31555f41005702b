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

    /// <summary>
    /// Registers the configured session store. The SQLite and Redis stores keep the Data Protection key ring beside
    /// the sessions (their <c>PersistDataProtectionKeys</c> option), so a session cookie stays readable after a
    /// restart and on every instance; the sample only names the application, so that instances started from
    /// different folders share their keys too.
    /// </summary>
    public static WebApplicationBuilder AddSampleSessionStore(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var store = builder.Configuration["Store"] is { Length: > 0 } configured ? configured.Trim().ToLowerInvariant() : "memory";
        switch (store)
        {
            case "memory":
                // The engine's default: its native in-memory store (per key, with a per-user index). Sessions end with the process.
                break;

            case "sqlite":
                // App_Data/typedsession.db under the content root unless Sqlite names another file; the store keeps
                // the Data Protection keys in DataProtection-Keys beside it.
                builder.Services.AddTypedSessionSqliteStore(
                    builder.Configuration["Sqlite"] is { Length: > 0 } file ? file : SqliteSessionStoreOptions.DefaultFileName);
                builder.Services.AddDataProtection().SetApplicationName(ApplicationName);
                break;

            case "redis":
                var configuration = ConfigurationOptions.Parse(builder.Configuration["Redis"] is { Length: > 0 } redis ? redis : "localhost:6379");
                configuration.AbortOnConnectFail = false;
                configuration.BacklogPolicy = BacklogPolicy.FailFast;
                configuration.ClientName = ApplicationName;
                var connection = ConnectionMultiplexer.Connect(configuration);
                builder.Services.AddSingleton<IConnectionMultiplexer>(connection);
                // The store keeps the Data Protection keys in the same Redis, under typedsession:DataProtection-Keys.
                builder.Services.AddTypedSessionRedisStore(connection);
                builder.Services.AddDataProtection().SetApplicationName(ApplicationName);
                break;

            default:
                throw new InvalidOperationException($"Unknown session store '{builder.Configuration["Store"]}': use --store memory, sqlite or redis.");
        }

        return builder;
    }
}
