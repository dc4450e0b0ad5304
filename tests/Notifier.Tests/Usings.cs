global using ArScale.Notifier.Templates;
