namespace ArScale.Dunning;

public sealed record Instalment(int Number, DateOnly DueDate, decimal Amount);

/// <summary>An instalment as a command states it.</summary>
public sealed record InstalmentSpec(DateOnly DueDate, decimal Amount);
