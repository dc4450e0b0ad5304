namespace ArScale.Dunning;

/// <summary>A policy file as the caller read it.</summary>
public sealed record PolicySource(string FileName, string Content);
