using InterviewBot.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddInterviewBot();

var app = builder.Build();
app.MapInterviewBot();
app.Run();

/// <summary>The web host's entry point, visible to functional tests.</summary>
public partial class Program;
