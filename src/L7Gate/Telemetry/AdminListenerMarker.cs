namespace L7Gate.Telemetry;

/// <summary>Registered only in the admin listener's own service container, so telemetry can tell its requests apart.</summary>
public sealed class AdminListenerMarker;
