using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace TypedSession.Stores.Sqlite;

/// <summary>
/// Keeps ASP.NET Core's Data Protection key ring in a folder beside the SQLite database
/// (<see cref="SqliteSessionStoreOptions.DataProtectionKeysDirectory"/>), so that session cookies stay readable after a
/// restart wherever the database lives.
/// </summary>
/// <remarks>
/// It runs after every <c>Configure</c> of <see cref="KeyManagementOptions"/> and fills in the key ring only where the
/// application chose none (<c>PersistKeysTo...</c> set <see cref="KeyManagementOptions.XmlRepository"/>), the way
/// ASP.NET Core's own read-only key directory setting does, and only while the SQLite store is the engine's store: a
/// store registered after it takes the key ring along.
/// </remarks>
internal sealed class SqliteDataProtectionKeyRing(IOptions<SqliteSessionStoreOptions> storeOptions, IServiceProvider services)
    : IPostConfigureOptions<KeyManagementOptions>
{
    public void PostConfigure(string? name, KeyManagementOptions options)
    {
        if (name != Options.DefaultName || options.XmlRepository is not null)
        {
            return;
        }

        var store = storeOptions.Value;
        if (store.PersistDataProtectionKeys && store.DataProtectionKeysDirectory is { } directory
            && services.GetService<ITypedSessionStore>() is SqliteSessionStore)
        {
            var loggerFactory = services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
            options.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(directory), loggerFactory);
        }
    }
}
