namespace ArScale.Notifier.Tests.Templates;

/// <summary>A throwaway template folder for one test, written file by file.</summary>
public sealed class TemplateFolder : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"arscale-templates-{Guid.NewGuid():N}");

    public TemplateFolder With(string relativePath, string content)
    {
        var file = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        File.WriteAllText(file, content);
        return this;
    }

    public TemplateCatalog Load() => TemplateCatalog.Load(Path);

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
