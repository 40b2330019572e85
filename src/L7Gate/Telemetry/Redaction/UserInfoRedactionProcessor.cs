using System.Diagnostics;
using L7Gate.Proxy.Secrets;
using OpenTelemetry;

namespace L7Gate.Telemetry.Redaction;

/// <summary>
/// Redacts URL userinfo from every span's tags and name before any exporter sees it. Added first in the tracing
/// pipeline, so processors added after it (the OTLP exporter) only get redacted spans.
/// </summary>
internal sealed class UserInfoRedactionProcessor : BaseProcessor<Activity>
{
    public override void OnEnd(Activity data)
    {
        if (SecretRedactor.ContainsUrlUserInfo(data.DisplayName))
        {
            data.DisplayName = SecretRedactor.RedactUrlUserInfo(data.DisplayName);
        }

        List<KeyValuePair<string, string>>? redacted = null;
        foreach (var (key, value) in data.TagObjects)
        {
            var text = value switch
            {
                string s => s,
                Uri uri => uri.OriginalString,
                _ => null,
            };
            if (text is not null && SecretRedactor.ContainsUrlUserInfo(text))
            {
                (redacted ??= []).Add(new(key, SecretRedactor.RedactUrlUserInfo(text)));
            }
        }

        foreach (var (key, value) in redacted ?? [])
        {
            data.SetTag(key, value);
        }
    }
}
