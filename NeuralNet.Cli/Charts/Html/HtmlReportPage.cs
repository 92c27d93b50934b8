using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.FSharp.Core;
using Plotly.NET;

namespace NeuralNet.Cli.Charts.Html;

/// <summary>
/// One self-contained HTML page of Plotly charts: plotly.js is embedded once in the head (Plotly.NET's
/// <see cref="PlotlyJSReference.Full"/>), so the file works offline and fetches nothing. After the charts have been
/// drawn an inline script sets <c>data-charts-rendered</c> and <c>data-script-errors</c> on the body, which the
/// browser check (scripts/check_report.sh) reads.
/// </summary>
internal sealed class HtmlReportPage
{
    // The head Plotly.NET writes for a self-contained document: a <script> with the whole plotly.js (~3.6 MB).
    private static readonly Lazy<string> EmbeddedPlotlyHead = new(() =>
    {
        var options = DisplayOptions.init(null, null, null, null, null, null, FSharpOption<PlotlyJSReference>.Some(PlotlyJSReference.Full));
        string html = GenericChart.toEmbeddedHTML(Plotly.NET.Chart.withDisplayOptions(options).Invoke(Plotly.NET.CSharp.Chart.Invisible()));
        int start = html.IndexOf("<head>", StringComparison.Ordinal) + "<head>".Length;
        int end = html.IndexOf("</head>", StringComparison.Ordinal);
        if (start < "<head>".Length || end < start) throw new InvalidOperationException("Plotly.NET wrote an HTML document without a head.");
        return html[start..end];
    });

    private readonly string _title;
    private readonly StringBuilder _body = new();

    /// <summary>Creates an empty page titled <paramref name="title"/>.</summary>
    public HtmlReportPage(string title) => _title = title;

    /// <summary>Charts added so far.</summary>
    public int Charts { get; private set; }

    /// <summary>Adds a section heading.</summary>
    public void Heading(string text) => _body.Append("<h2>").Append(Encode(text)).Append("</h2>\n");

    /// <summary>Adds a paragraph of plain text.</summary>
    public void Paragraph(string text) => _body.Append("<p>").Append(Encode(text)).Append("</p>\n");

    /// <summary>Adds a two-column table of names and values (the run's identity).</summary>
    public void Table(IEnumerable<KeyValuePair<string, string>> rows)
    {
        _body.Append("<table class=\"identity\">\n");
        foreach (var (name, value) in rows)
            _body.Append("<tr><th>").Append(Encode(name)).Append("</th><td>").Append(Encode(value)).Append("</td></tr>\n");
        _body.Append("</table>\n");
    }

    /// <summary>Adds a chart; with <paramref name="logSwitch"/> a button above it toggles its y axis between linear and log.</summary>
    public void Chart(GenericChart chart, bool logSwitch = false)
    {
        Charts++;
        _body.Append("<section class=\"chart\">");
        if (logSwitch) _body.Append("<button class=\"log-switch\" onclick=\"nnToggleLog(this)\">y axis: linear (switch to log)</button>");
        _body.Append(GenericChart.toChartHTML(chart)).Append("</section>\n");
    }

    /// <summary>The complete document.</summary>
    public string Render() => new StringBuilder()
        .Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(Encode(_title)).Append("</title>\n")
        .Append("<style>body{font-family:sans-serif;margin:1.5em;color:#222}table.identity{border-collapse:collapse;font-size:0.9em}")
        .Append("table.identity th,table.identity td{border:1px solid #ccc;padding:2px 8px;text-align:left;vertical-align:top}")
        .Append("section.chart{margin:1em 0}button.log-switch{margin-bottom:4px}</style>\n")
        // Errors of the chart scripts are counted before any of them runs.
        .Append("<script>window.nnScriptErrors=0;window.addEventListener('error',function(){window.nnScriptErrors++;});</script>\n")
        .Append(EmbeddedPlotlyHead.Value)
        .Append("</head><body>\n<h1>").Append(Encode(_title)).Append("</h1>\n")
        .Append(_body)
        .Append(FooterScript)
        .Append("</body></html>\n").ToString();

    private const string FooterScript = """
        <script>
        function nnToggleLog(button) {
          var div = button.parentElement.querySelector('.js-plotly-plot');
          var log = div.layout.yaxis && div.layout.yaxis.type === 'log';
          Plotly.relayout(div, {'yaxis.type': log ? 'linear' : 'log'});
          button.textContent = log ? 'y axis: linear (switch to log)' : 'y axis: log (switch to linear)';
        }
        window.addEventListener('load', function () {
          var plots = Array.prototype.slice.call(document.querySelectorAll('.js-plotly-plot'));
          Promise.all(plots.map(function (p) { return p._fullLayout ? Promise.resolve() : new Promise(function (r) { p.on('plotly_afterplot', r); }); }))
            .then(function () {
              document.body.setAttribute('data-charts-rendered', String(plots.length));
              document.body.setAttribute('data-script-errors', String(window.nnScriptErrors));
            });
        });
        </script>

        """;

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    /// <summary>Formats a number for the identity table (invariant culture, round-trip).</summary>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
