namespace L7Gate.Admin.Tests.Infrastructure;

/// <summary>Base of the tests that proxy to one real loopback backend, "a", started before each test and stopped after it.</summary>
public abstract class BackendTests : IAsyncLifetime
{
    /// <summary>Backend "a".</summary>
    protected TestBackend A { get; private set; } = null!;

    public virtual async Task InitializeAsync() => A = await TestBackend.StartAsync("a", BackendBody.Name);

    public virtual async Task DisposeAsync() => await A.DisposeAsync();
}

/// <summary>Base of the tests that proxy to two real loopback backends, "a" and "b".</summary>
public abstract class BackendPairTests : BackendTests
{
    /// <summary>Backend "b".</summary>
    protected TestBackend B { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        B = await TestBackend.StartAsync("b", BackendBody.Name);
    }

    public override async Task DisposeAsync()
    {
        await B.DisposeAsync();
        await base.DisposeAsync();
    }
}
