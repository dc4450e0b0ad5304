using DbUp.Engine.Output;
using Microsoft.Extensions.Logging;

namespace ArScale.Migrations;

/// <summary>DbUp speaks composite format strings; Microsoft logging wants message templates.</summary>
internal sealed class DbUpLogger(ILogger logger) : IUpgradeLog
{
    public void LogTrace(string format, params object[] args) => Write(LogLevel.Trace, null, format, args);
    public void LogDebug(string format, params object[] args) => Write(LogLevel.Debug, null, format, args);
    public void LogInformation(string format, params object[] args) => Write(LogLevel.Information, null, format, args);
    public void LogWarning(string format, params object[] args) => Write(LogLevel.Warning, null, format, args);
    public void LogError(string format, params object[] args) => Write(LogLevel.Error, null, format, args);
    public void LogError(Exception ex, string format, params object[] args) => Write(LogLevel.Error, ex, format, args);

    private void Write(LogLevel level, Exception? exception, string format, object[] args)
    {
        if (!logger.IsEnabled(level))
        {
            return;
        }

        var message = args.Length == 0 ? format : string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args);
#pragma warning disable CA2254 // DbUp hands over finished sentences, not templates.
        logger.Log(level, exception, message);
#pragma warning restore CA2254
    }
}
