using L7Gate.Proxy.Health;
using Yarp.ReverseProxy.Forwarder;

namespace L7Gate.Proxy.Tests.Health;

/// <summary>The passive policy's sliding window and what it counts as the destination's fault.</summary>
public sealed class FailureWindowTests
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    [Fact]
    public void Add_OutcomesOlderThanWindow_Forgotten()
    {
        var window = new FailureWindow();
        for (var i = 0; i < 5; i++)
        {
            window.Add(100, failed: true, Window);
        }

        window.Add(105, failed: false, Window);
        Assert.Equal(6, window.Total);
        Assert.Equal(5.0 / 6, window.FailureRate, 6);

        window.Add(110, failed: false, Window);
        Assert.Equal(2, window.Total);
        Assert.Equal(0, window.FailureRate);
    }

    [Fact]
    public void Clear_AfterFailures_StartsAfresh()
    {
        var window = new FailureWindow();
        window.Add(1, failed: true, Window);
        window.Clear();
        window.Add(2, failed: false, Window);
        Assert.Equal(1, window.Total);
        Assert.Equal(0, window.FailureRate);
    }

    [Theory]
    [InlineData(ForwarderError.Request, true)]
    [InlineData(ForwarderError.RequestTimedOut, true)]
    [InlineData(ForwarderError.ResponseHeaders, true)]
    [InlineData(ForwarderError.ResponseBodyDestination, true)]
    [InlineData(ForwarderError.RequestCanceled, false)]
    [InlineData(ForwarderError.RequestBodyClient, false)]
    [InlineData(ForwarderError.ResponseBodyClient, false)]
    [InlineData(ForwarderError.ResponseBodyCanceled, false)]
    public void IsDestinationFailure_Error_OnlyDestinationSideCounts(ForwarderError error, bool expected) =>
        Assert.Equal(expected, TransportFailurePolicy.IsDestinationFailure(error));
}
