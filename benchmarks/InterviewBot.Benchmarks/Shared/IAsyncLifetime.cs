namespace InterviewBot.Testing;

/// <summary>
/// Stands in for xUnit's interface of this name, which the shared Azurite launcher implements to serve as a test
/// fixture. The benchmark starts and stops Azurite itself and has no use for a test framework.
/// </summary>
internal interface IAsyncLifetime
{
    Task InitializeAsync();

    Task DisposeAsync();
}
