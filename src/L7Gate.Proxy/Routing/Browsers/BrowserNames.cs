namespace L7Gate.Proxy.Routing.Browsers;

/// <summary>The names accepted in <c>Match.Browsers</c> (case-insensitive) and their flags.</summary>
public static class BrowserNames
{
    /// <summary>Every accepted name, in documentation order.</summary>
    public static IReadOnlyList<string> All { get; } =
        ["Chrome", "Edge", "Firefox", "Safari", "Opera", "Mobile", "Desktop", "Bot"];

    /// <summary>Maps one name to its flag; false for anything else (numbers and flag lists included).</summary>
    public static bool TryParse(string? name, out BrowserClass value)
    {
        value = name?.Trim().ToUpperInvariant() switch
        {
            "CHROME" => BrowserClass.Chrome,
            "EDGE" => BrowserClass.Edge,
            "FIREFOX" => BrowserClass.Firefox,
            "SAFARI" => BrowserClass.Safari,
            "OPERA" => BrowserClass.Opera,
            "MOBILE" => BrowserClass.Mobile,
            "DESKTOP" => BrowserClass.Desktop,
            "BOT" => BrowserClass.Bot,
            _ => BrowserClass.None,
        };
        return value != BrowserClass.None;
    }
}
