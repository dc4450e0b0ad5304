using Fluid;

namespace ArScale.Notifier.Templates;

/// <summary>One (key, channel, locale) template, parsed and checked against its model.</summary>
public sealed record MessageTemplate(string Key, string Channel, string Locale, string File, IFluidTemplate? Subject, IFluidTemplate Text, IFluidTemplate? Html);
