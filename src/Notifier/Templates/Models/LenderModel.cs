namespace ArScale.Notifier.Templates.Models;

/// <summary>Who the customer owes and how to reach them: the same in every template, from configuration.</summary>
public sealed record LenderModel(string Name, string PayUrl, string DisputeUrl, string SupportEmail, string SupportPhone, string ConsoleUrl);
