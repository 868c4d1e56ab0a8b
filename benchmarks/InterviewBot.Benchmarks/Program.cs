using InterviewBot.Benchmarks;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

return args is ["sweep", .. var options]
    ? await SweepCommand.RunAsync(options, cancel.Token)
    : Fail();

static int Fail()
{
    Console.Error.WriteLine(SweepCommand.Usage);
    return 2;
}
