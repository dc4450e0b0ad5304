using ArScale.Load.Baseline.Reminders;

namespace ArScale.Load.Baseline.Hosting;

/// <summary>One line at start saying which variant of the baseline this process is, for the run's log.</summary>
public static partial class StartupLog
{
    public static void LogVariant(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<BaselineOptions>();
        var mailer = app.Services.GetRequiredService<IReminderMailer>();
        Variant(app.Logger, options.Mailer, options.EffectiveWorkerCount(), mailer.Describe());
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Baseline variant {Mailer}: {Workers} Hangfire workers, reminders sent with {Description}")]
    private static partial void Variant(ILogger logger, ReminderMailerKind mailer, int workers, string description);
}
