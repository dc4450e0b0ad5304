using System.Globalization;
using System.Text.RegularExpressions;

namespace ArScale.Dunning;

public sealed partial class Account
{
    private CommandResult Handle(UpsertProfile command, DateTimeOffset now)
    {
        if (ValidateProfile(command.Profile) is { } problem)
        {
            return Reject(command, problem);
        }

        State.Profile = command.Profile with { Contacts = [.. command.Profile.Contacts] };
        State.OpenedAt ??= now;
        return Accept(command);
    }

    private static Problem? ValidateProfile(AccountProfile? profile)
    {
        if (profile is null)
        {
            return new Problem("profile", "is required");
        }

        if (Problem.Required(profile.Name, "profile.name") is { } name)
        {
            return name;
        }

        if (!Locales.IsSupported(profile.Locale))
        {
            return new Problem("profile.locale", $"'{profile.Locale}' is not supported; use one of {string.Join(", ", Locales.Supported)}");
        }

        if (!ZoneTime.TryFind(profile.TimeZone, out _))
        {
            return new Problem("profile.timeZone", $"'{profile.TimeZone}' is not a known IANA time zone");
        }

        if (!Enum.IsDefined(profile.Segment))
        {
            return new Problem("profile.segment", $"'{profile.Segment}' is not a segment");
        }

        for (var i = 0; i < (profile.Contacts?.Count ?? 0); i++)
        {
            var contact = profile.Contacts![i];
            var valid = contact.Kind switch
            {
                ContactKind.Email => EmailShape().IsMatch(contact.Address ?? string.Empty),
                ContactKind.Phone => PhoneShape().IsMatch(contact.Address ?? string.Empty),
                _ => false,
            };
            if (!valid)
            {
                return new Problem($"profile.contacts[{i}].address", $"'{contact.Address}' is not a valid {contact.Kind} address");
            }
        }

        if (profile.Contacts is null)
        {
            return new Problem("profile.contacts", "is required (it may be empty)");
        }

        if (profile.CreditLimit is { } limit)
        {
            if (!Currencies.IsKnown(limit.Currency))
            {
                return new Problem("profile.creditLimit.currency", $"'{limit.Currency}' is not a known ISO 4217 currency code");
            }

            if (limit.Amount < 0 || limit.Amount > AccountLimits.MaxAccountAmount || !Currencies.HasValidPrecision(limit.Amount, limit.Currency))
            {
                return new Problem("profile.creditLimit", string.Create(CultureInfo.InvariantCulture, $"must be between 0 and {AccountLimits.MaxAccountAmount:N0}, in {limit.Currency}'s minor units"));
            }
        }

        if (profile.Terms is null)
        {
            return new Problem("profile.terms", "is required");
        }

        if (profile.Terms.NetDays is < 0 or > 365)
        {
            return new Problem("profile.terms.netDays", $"must be between 0 and 365, was {profile.Terms.NetDays}");
        }

        if (profile.Terms.Kind == PaymentTermsKind.MonthlySettlement && profile.Terms.StatementDay is not (>= 1 and <= 28))
        {
            return new Problem("profile.terms.statementDay", "monthly settlement needs a statement day between 1 and 28");
        }

        if (profile.Policy is { } pinned && Problem.Required(pinned.Name, "profile.policy.name") is { } policy)
        {
            return policy;
        }

        if (profile.SendWindow is { IsValid: false })
        {
            return new Problem("profile.sendWindow", "the window must end after it starts, on the same day");
        }

        return profile.CollectorId is { } collector ? Problem.Required(collector, "profile.collectorId") : null;
    }

    private CommandResult Handle(AssignCollector command)
    {
        if (Problem.Required(command.CollectorId, "collectorId") is { } problem)
        {
            return Reject(command, problem);
        }

        State.Profile = State.Profile! with { CollectorId = command.CollectorId };
        return Accept(command);
    }

    private CommandResult Handle(AddCollectionNote command, DateTimeOffset now)
    {
        var problem = Problem.Required(command.Author, "author") ?? Problem.Required(command.Text, "text");
        if (problem is null && command.Text.Length > 4000)
        {
            problem = new Problem("text", "at most 4000 characters");
        }

        if (problem is { } p)
        {
            return Reject(command, p);
        }

        AccountLimits.AddCapped(State.Notes, new CollectionNote(command.CommandId, command.Author, command.Text, now), AccountLimits.Notes);
        return Accept(command);
    }

    private CommandResult Handle(RecordNoticeOutcome command)
    {
        if (Problem.Required(command.NoticeId, "noticeId") is { } problem)
        {
            return Reject(command, problem);
        }

        if (!command.NoticeId.StartsWith(Id + ":", StringComparison.Ordinal))
        {
            return Reject(command, new Problem("noticeId", $"'{command.NoticeId}' is not a notice of account {Id}"));
        }

        if (!Enum.IsDefined(command.Outcome))
        {
            return Reject(command, new Problem("outcome", $"'{command.Outcome}' is not an outcome"));
        }

        AccountLimits.AddCapped(
            State.Contacts,
            new ContactAttempt(command.NoticeId, command.Channel, command.Outcome, command.At, command.Detail),
            AccountLimits.Contacts);
        return Accept(command);
    }

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailShape();

    [GeneratedRegex(@"^\+?[0-9][0-9 ()-]{5,19}$")]
    private static partial Regex PhoneShape();
}
