using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TypedSession.Stores;
using TypedSession.Stores.Sqlite;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers TypedSession's SQLite store as the store of TypedSession's session engine.</summary>
public static class SqliteSessionStoreServiceCollectionExtensions
{
    /// <summary>
    /// Keeps sessions in <c>App_Data/typedsession.db</c> under the content root, with the default
    /// <see cref="SqliteSessionStoreOptions"/>.
    /// </summary>
    public static IServiceCollection AddTypedSessionSqliteStore(this IServiceCollection services) => services.AddTypedSessionSqliteStore(configure: null);

    /// <summary>
    /// Keeps sessions in an SQLite file, by default <c>App_Data/typedsession.db</c> under the content root, so they
    /// survive a restart with no server to run, and the Data Protection key ring in a folder beside it unless the
    /// application chose its own (see <see cref="SqliteSessionStoreOptions.PersistDataProtectionKeys"/>). Replaces any
    /// store registered before; call it with or without <c>AddTypedSession</c>, in any order.
    /// </summary>
    public static IServiceCollection AddTypedSessionSqliteStore(this IServiceCollection services, Action<SqliteSessionStoreOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = services.AddOptions<SqliteSessionStoreOptions>();
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        builder.PostConfigure<IServiceProvider>((options, provider) =>
        {
            var root = provider.GetService<IHostEnvironment>()?.ContentRootPath ?? AppContext.BaseDirectory;
            options.DatabasePath = Path.GetFullPath(Path.Combine(root, string.IsNullOrWhiteSpace(options.DatabasePath) ? SqliteSessionStoreOptions.DefaultFileName : options.DatabasePath));
            options.DataProtectionKeysDirectory = Path.GetFullPath(string.IsNullOrWhiteSpace(options.DataProtectionKeysDirectory)
                ? Path.Combine(Path.GetDirectoryName(options.DatabasePath)!, SqliteSessionStoreOptions.DefaultDataProtectionKeysFolder)
                : Path.Combine(root, options.DataProtectionKeysDirectory));
        });
        builder.Validate(options => options.CleanupInterval >= TimeSpan.Zero, "SqliteSessionStoreOptions.CleanupInterval must not be negative (zero turns the clean-up off).");
        builder.ValidateOnStart();

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<KeyManagementOptions>, SqliteDataProtectionKeyRing>());

        services.TryAddSingleton<SqliteSessionStore>();
        services.RemoveAll<ITypedSessionStore>();
        services.AddSingleton<ITypedSessionStore>(provider => provider.GetRequiredService<SqliteSessionStore>());
        return services;
    }

    /// <summary>Keeps sessions in the SQLite file at <paramref name="databasePath"/> (relative to the content root unless absolute).</summary>
    public static IServiceCollection AddTypedSessionSqliteStore(this IServiceCollection services, string databasePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        return services.AddTypedSessionSqliteStore(options => options.DatabasePath = databasePath);
    }
}
