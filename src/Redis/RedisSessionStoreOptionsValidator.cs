using Microsoft.Extensions.Options;

namespace TypedSession.Stores.Redis;

/// <summary>Fails start-up when the Redis session store has no way to reach Redis or an unusable key prefix.</summary>
internal sealed class RedisSessionStoreOptionsValidator : IValidateOptions<RedisSessionStoreOptions>
{
    internal const string MissingConnectionMessage =
        "The Redis session store has no connection: set RedisSessionStoreOptions.Configuration (for example \"localhost:6379\"), " +
        "ConfigurationOptions or ConnectionMultiplexerFactory, or register an IConnectionMultiplexer in the service container.";

    public ValidateOptionsResult Validate(string? name, RedisSessionStoreOptions options)
    {
        if (options.ConnectionMultiplexerFactory is null && options.ConfigurationOptions is null && string.IsNullOrWhiteSpace(options.Configuration))
        {
            return ValidateOptionsResult.Fail(MissingConnectionMessage);
        }

        if (options.KeyPrefix is null)
        {
            return ValidateOptionsResult.Fail("RedisSessionStoreOptions.KeyPrefix must not be null; use an empty string for no prefix.");
        }

        return options.Database < -1
            ? ValidateOptionsResult.Fail($"RedisSessionStoreOptions.Database must be -1 (the connection's default) or a database number, not {options.Database}.")
            : ValidateOptionsResult.Success;
    }
}
