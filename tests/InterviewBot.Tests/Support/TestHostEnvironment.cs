using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace InterviewBot.Tests.Support;

/// <summary>An <see cref="IHostEnvironment"/> naming the environment a test runs the host's services in.</summary>
internal sealed class TestHostEnvironment(string environmentName) : IHostEnvironment
{
    public string EnvironmentName { get; set; } = environmentName;

    public string ApplicationName { get; set; } = "InterviewBot";

    public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

    public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
}
