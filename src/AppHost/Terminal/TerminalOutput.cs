using System.Threading.Channels;
using ArScale.AppHost.Model;
using Spectre.Console;

namespace ArScale.AppHost.Terminal;

/// <summary>
/// The AppHost's one writer to the terminal. Services' lines (prefixed with the service's name), the AppHost's
/// own notices and blocks of text queue up here and are written by one loop: above a live status table when the
/// output is an interactive terminal, as plain lines (with every change of state as a line) when it is not,
/// e.g. piped to a file or read by a test.
/// </summary>
public sealed class TerminalOutput : IAsyncDisposable
{
    public const string AppHostSource = "apphost";
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromMilliseconds(250);

    private readonly Channel<OutputLine> lines = Channel.CreateUnbounded<OutputLine>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SourceColors colors = new();
    private IReadOnlyList<ResourceStatus> rows = [];
    private Task writer = Task.CompletedTask;

    public TerminalOutput(bool live) => Live = live;

    public bool Live { get; }

    /// <summary>Live only on an interactive terminal that understands ANSI; everywhere else, plain lines.</summary>
    public static TerminalOutput ForCurrentConsole() =>
        new(!Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities is { Ansi: true, Interactive: true });

    public void Start(IReadOnlyList<ResourceStatus> statuses)
    {
        rows = statuses;
        if (!Live)
        {
            foreach (var status in statuses)
            {
                status.StateChanged += changed => Notice(StatusTable.Describe(changed));
            }
        }

        writer = Task.Run(WriteAsync);
    }

    public void Log(string source, string line) => lines.Writer.TryWrite(new OutputLine(source, line, Block: false));

    public void Notice(string text) => lines.Writer.TryWrite(new OutputLine(AppHostSource, text, Block: false));

    /// <summary>Lines printed as they are, without a prefix (the screen that says where to look).</summary>
    public void Block(IEnumerable<string> text) => lines.Writer.TryWrite(new OutputLine("", string.Join('\n', text), Block: true));

    /// <summary>Writes what is still queued, then the table once more as it ends.</summary>
    public async ValueTask DisposeAsync()
    {
        lines.Writer.TryComplete();
        await writer;
    }

    private async Task WriteAsync()
    {
        try
        {
            await (Live ? WriteLiveAsync() : WritePlainAsync());
        }
        catch (IOException)
        {
            // The terminal is gone (its window was closed: that SIGHUP is also what stops the AppHost). Nobody is left
            // to read; the services' log files still have every line, and the stop goes on.
        }
    }

    private async Task WritePlainAsync()
    {
        await foreach (var line in lines.Reader.ReadAllAsync())
        {
            Console.WriteLine(line.Block ? line.Text : $"[{line.Source}] {line.Text}");
        }

        Console.WriteLine(StatusTable.Plain(rows));
    }

    private async Task WriteLiveAsync()
    {
        await AnsiConsole.Live(StatusTable.Render(rows)).AutoClear(false).Overflow(VerticalOverflow.Ellipsis).StartAsync(async display =>
        {
            var open = true;
            while (open)
            {
                var batch = new List<OutputLine>();
                while (lines.Reader.TryRead(out var line))
                {
                    batch.Add(line);
                }

                if (batch.Count > 0)
                {
                    // Written while the live display runs, these go above the table: one write per batch, not per line,
                    // so a busy service does not redraw the table hundreds of times a second.
                    AnsiConsole.Write(Paragraph(batch));
                }

                display.UpdateTarget(StatusTable.Render(rows));
                var more = lines.Reader.WaitToReadAsync().AsTask();
                if (await Task.WhenAny(more, Task.Delay(RefreshInterval)) == more)
                {
                    open = await more;
                    await Task.Delay(TimeSpan.FromMilliseconds(50));
                }
            }

            display.UpdateTarget(StatusTable.Render(rows));
        });
    }

    private Paragraph Paragraph(List<OutputLine> batch)
    {
        var paragraph = new Paragraph();
        foreach (var line in batch)
        {
            if (!line.Block)
            {
                paragraph.Append($"[{line.Source}] ", new Style(colors.For(line.Source), decoration: line.Source == AppHostSource ? Decoration.Bold : Decoration.None));
            }

            paragraph.Append(line.Text + "\n");
        }

        return paragraph;
    }

    private sealed record OutputLine(string Source, string Text, bool Block);
}
