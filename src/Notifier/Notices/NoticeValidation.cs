using System.Text.RegularExpressions;
using ArScale.Notifier.Templates;
using MimeKit;

namespace ArScale.Notifier.Notices;

/// <summary>What makes a notice impossible to send however often it is retried: the answer is Failed, not a retry.</summary>
public static partial class NoticeValidation
{
    /// <summary>Channels a notice may name; one without a configured provider is suppressed, not failed.</summary>
    public static readonly IReadOnlySet<string> KnownChannels = new HashSet<string>(StringComparer.Ordinal) { "email", "sms", "letter", "webhook" };

    /// <summary>Without these the notice cannot even be logged: it goes to the error queue with the reason.</summary>
    public static string? IdentityProblem(OutgoingNotice notice) =>
        string.IsNullOrWhiteSpace(notice.NoticeId) ? "the notice has no id"
        : string.IsNullOrWhiteSpace(notice.AccountId) ? "the notice names no account"
        : string.IsNullOrWhiteSpace(notice.Channel) ? "the notice names no channel"
        : null;

    public static string? ContentProblem(OutgoingNotice notice, TemplateCatalog templates)
    {
        if (!KnownChannels.Contains(notice.Channel))
        {
            return $"'{notice.Channel}' is not a channel (expected {string.Join(", ", KnownChannels)})";
        }

        // A letter goes to the postal address the print house holds for the account; every other channel needs an address.
        if (notice.Channel != "letter" && notice.Recipients.Count == 0)
        {
            return "the notice has no recipient";
        }

        foreach (var recipient in notice.Recipients)
        {
            var valid = notice.Channel switch
            {
                "email" => IsEmailAddress(recipient),
                "sms" => recipient is not null && PhoneShape().IsMatch(recipient),
                _ => !string.IsNullOrWhiteSpace(recipient),
            };
            if (!valid)
            {
                return $"recipient '{ServiceDefaults.Privacy.Redact.Address(recipient)}' is not a valid {notice.Channel} address";
            }
        }

        if (string.IsNullOrWhiteSpace(notice.TemplateKey) || string.IsNullOrWhiteSpace(notice.Locale))
        {
            return "the notice names no template or locale";
        }

        return templates.TryGet(notice.TemplateKey, notice.Channel, notice.Locale, out _)
            ? null
            : $"no template '{notice.TemplateKey}' for channel {notice.Channel} in locale '{notice.Locale}'";
    }

    private static bool IsEmailAddress(string? recipient) =>
        recipient is not null
        && MailboxAddress.TryParse(recipient, out var mailbox)
        && mailbox.Address.IndexOf('@', StringComparison.Ordinal) is var at and > 0
        && at < mailbox.Address.Length - 1
        && mailbox.Address.AsSpan(at + 1).Contains('.');

    [GeneratedRegex(@"^\+?[0-9][0-9 ()-]{5,19}$")]
    private static partial Regex PhoneShape();
}
