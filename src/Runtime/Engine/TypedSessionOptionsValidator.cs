using Microsoft.Extensions.Options;

namespace TypedSession;

// Start-up validation of TypedSessionOptions (registered with ValidateOnStart), so that a wrong setting stops the app
// with a message that names it instead of surfacing on the first request.
internal sealed class TypedSessionOptionsValidator : IValidateOptions<TypedSessionOptions>
{
    public ValidateOptionsResult Validate(string? name, TypedSessionOptions options)
    {
        List<string>? failures = null;
        if (options.AbsoluteLifetime is { } lifetime && lifetime <= TimeSpan.Zero)
        {
            (failures ??= []).Add($"TypedSessionOptions.AbsoluteLifetime must be positive or null (no limit), but is {lifetime}.");
        }
        if (options.PersistentIdleTimeout <= TimeSpan.Zero)
        {
            (failures ??= []).Add($"TypedSessionOptions.PersistentIdleTimeout must be positive, but is {options.PersistentIdleTimeout}.");
        }
        if (options.MaxSessionsPerUser is { } max && max < 1)
        {
            (failures ??= []).Add($"TypedSessionOptions.MaxSessionsPerUser must be at least 1 or null (no limit), but is {max}.");
        }
        if (options.ExpirySweepInterval <= TimeSpan.Zero)
        {
            (failures ??= []).Add($"TypedSessionOptions.ExpirySweepInterval must be positive, but is {options.ExpirySweepInterval}.");
        }
        if (!(options.RefreshThreshold is >= 0 and <= 1))
        {
            (failures ??= []).Add($"TypedSessionOptions.RefreshThreshold is a part of the idle timeout between 0 and 1, but is {options.RefreshThreshold}.");
        }
        if (options.MaxSessionBytes <= 0)
        {
            (failures ??= []).Add($"TypedSessionOptions.MaxSessionBytes must be positive, but is {options.MaxSessionBytes}.");
        }
        if (options.CookieCacheSize < 0)
        {
            (failures ??= []).Add($"TypedSessionOptions.CookieCacheSize must be 0 (no cache) or positive, but is {options.CookieCacheSize}.");
        }
        if (options.CookieCacheDuration <= TimeSpan.Zero)
        {
            (failures ??= []).Add($"TypedSessionOptions.CookieCacheDuration must be positive, but is {options.CookieCacheDuration}.");
        }
        return failures is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
