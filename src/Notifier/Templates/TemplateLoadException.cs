namespace ArScale.Notifier.Templates;

/// <summary>The template folder cannot be used; every problem is listed with its file, so one start shows them all.</summary>
public sealed class TemplateLoadException(IReadOnlyList<string> problems)
    : Exception("The notice templates cannot be loaded:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "  - " + p)))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
