namespace TypedSession.Sample;

/// <summary>
/// A short label for the device a session was logged in from ("Firefox on Linux"), shown in "Your sessions". Derived
/// from the User-Agent at login and stored with the session only because the user sees it; kept coarse on purpose.
/// </summary>
public static class DeviceLabel
{
    /// <summary>The label for <paramref name="userAgent"/>, or "Unknown device".</summary>
    public static string From(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return "Unknown device";
        }
        var browser =
            userAgent.Contains("Edg/", StringComparison.Ordinal) ? "Edge" :
            userAgent.Contains("Firefox/", StringComparison.Ordinal) ? "Firefox" :
            userAgent.Contains("Chrome/", StringComparison.Ordinal) ? "Chrome" :
            userAgent.Contains("Safari/", StringComparison.Ordinal) ? "Safari" :
            "A browser";
        var system =
            userAgent.Contains("Android", StringComparison.Ordinal) ? "Android" :
            userAgent.Contains("iPhone", StringComparison.Ordinal) || userAgent.Contains("iPad", StringComparison.Ordinal) ? "iOS" :
            userAgent.Contains("Windows", StringComparison.Ordinal) ? "Windows" :
            userAgent.Contains("Mac OS", StringComparison.Ordinal) ? "macOS" :
            userAgent.Contains("Linux", StringComparison.Ordinal) ? "Linux" :
            "an unknown system";
        return $"{browser} on {system}";
    }
}
