using L7Gate.Proxy.Configuration;

namespace L7Gate.Proxy.Tests.Configuration;

public sealed class ConfigPathTests
{
    [Theory]
    [InlineData("Failover", "Instances[VI_1].Priority", "Failover:Instances:VI_1:Priority")]
    [InlineData("Failover", "Instances[VI_1].TrackInterfaces[0].Weight", "Failover:Instances:VI_1:TrackInterfaces:0:Weight")]
    [InlineData("Admin", "Urls", "Admin:Urls")]
    [InlineData("Admin", "", "Admin")]
    [InlineData("", "Backends[2]", "Backends:2")]
    public void Combine_FluentValidationPropertyName_BecomesConfigurationKey(string section, string property, string expected) =>
        Assert.Equal(expected, ConfigPath.Combine(section, property));
}
