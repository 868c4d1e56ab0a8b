namespace InterviewBot.Teams.Cards;

/// <summary>
/// A Teams vertical bar chart (<c>Chart.VerticalBar</c>): one bar per point. Clients without charts show the
/// element's <see cref="AdaptiveElement.Fallback"/>, so give it one.
/// </summary>
public sealed class VerticalBarChart(List<BarChartPoint> data) : AdaptiveElement
{
    public string? Title { get; set; }

    public string? XAxisTitle { get; set; }

    public string? YAxisTitle { get; set; }

    /// <summary>A Teams chart colour name, such as "good" or "categoricalBlue", for every bar without its own.</summary>
    public string? Color { get; set; }

    /// <summary>Writes each bar's value on the bar.</summary>
    public bool? ShowBarValues { get; set; }

    public List<BarChartPoint> Data { get; set; } = data;
}

/// <summary>One bar of a bar chart: its label on the x axis and its height.</summary>
public sealed record BarChartPoint(string X, double Y)
{
    /// <summary>A Teams chart colour name for this bar only.</summary>
    public string? Color { get; init; }
}
