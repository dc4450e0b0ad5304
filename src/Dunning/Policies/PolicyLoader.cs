using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace ArScale.Dunning;

/// <summary>Parses and validates one policy file from its text. Pure: the caller reads the file.</summary>
public static partial class PolicyLoader
{
    private static readonly JsonSerializerOptions DocumentOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = false,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        // A misspelt field ("offestDays") must fail the load rather than silently fall back to a default.
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    private static readonly Dictionary<string, Segment> Segments = new(StringComparer.Ordinal)
    {
        ["standard"] = Segment.Standard,
        ["priority"] = Segment.Priority,
        ["key-account"] = Segment.KeyAccount,
    };

    private static readonly Dictionary<string, Channel> Channels = new(StringComparer.Ordinal)
    {
        ["email"] = Channel.Email,
        ["sms"] = Channel.Sms,
        ["webhook"] = Channel.Webhook,
        ["letter"] = Channel.Letter,
    };

    public static PolicyLoadResult Load(string fileName, string content)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var errors = new PolicyErrors(fileName);
        PolicyDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<PolicyDocument>(content ?? string.Empty, DocumentOptions);
        }
        catch (JsonException ex)
        {
            errors.Add(ex.Path ?? "$", $"is not valid policy JSON: {ex.Message}");
            return errors.Result(null);
        }

        if (document is null)
        {
            errors.Add("$", "the file holds no policy object");
            return errors.Result(null);
        }

        var policy = Validate(document, errors);
        return errors.Result(policy);
    }

    private static DunningPolicy? Validate(PolicyDocument document, PolicyErrors errors)
    {
        var name = document.Name;
        if (string.IsNullOrWhiteSpace(name))
        {
            errors.Add("name", "is required");
        }
        else if (!Slug().IsMatch(name))
        {
            errors.Add("name", $"'{name}' must be lower-case letters, digits and dashes");
        }

        if (document.Version is not { } version)
        {
            errors.Add("version", "is required");
            version = 0;
        }
        else if (version < 1)
        {
            errors.Add("version", $"must be 1 or more, was {version}");
        }

        Segment? segment = null;
        if (document.Segment is not null)
        {
            if (Segments.TryGetValue(document.Segment, out var known))
            {
                segment = known;
            }
            else
            {
                errors.Add("segment", $"'{document.Segment}' is not one of {string.Join(", ", Segments.Keys)}");
            }
        }

        var window = ValidateWindow(document.SendWindow, errors);
        var stages = ValidateStages(document.Stages, errors);
        var promises = ValidatePromises(document.PromiseToPay, errors);
        var risk = ValidateRisk(document.Risk, errors);

        return errors.Any || name is null
            ? null
            : new DunningPolicy(name, version, segment, window, stages, promises, risk);
    }

    private static SendWindow ValidateWindow(SendWindowDocument? document, PolicyErrors errors)
    {
        if (document is null)
        {
            return SendWindow.Default;
        }

        var start = ParseTime(document.Start, "sendWindow.start", SendWindow.Default.Start, errors);
        var end = ParseTime(document.End, "sendWindow.end", SendWindow.Default.End, errors);
        var window = new SendWindow(start, end, document.WeekdaysOnly ?? false);
        if (!window.IsValid)
        {
            errors.Add("sendWindow.end", $"must be after sendWindow.start ({start:HH\\:mm}); windows over midnight are not supported");
        }

        return window;
    }

    private static TimeOnly ParseTime(string? text, string where, TimeOnly fallback, PolicyErrors errors)
    {
        if (text is null)
        {
            return fallback;
        }

        if (TimeOnly.TryParseExact(text, ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return time;
        }

        errors.Add(where, $"'{text}' is not a time of day as HH:mm");
        return fallback;
    }

    private static List<DunningStage> ValidateStages(List<StageDocument?>? documents, PolicyErrors errors)
    {
        var stages = new List<DunningStage>();
        if (documents is null || documents.Count == 0)
        {
            errors.Add("stages", "a policy needs at least one stage");
            return stages;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        DunningStage? previous = null;
        for (var index = 0; index < documents.Count; index++)
        {
            var document = documents[index];
            var where = $"stages[{index}]";
            if (document is null)
            {
                errors.Add(where, "is empty");
                continue;
            }

            where = document.Name is null ? where : $"{where} '{document.Name}'";
            if (document.OffsetDays is null)
            {
                errors.Add($"{where}.offsetDays", "is required");
            }

            var stage = ValidateStage(document, where, errors);
            if (stage is null)
            {
                continue;
            }

            if (!names.Add(stage.Name))
            {
                errors.Add($"{where}.name", $"'{stage.Name}' is used by an earlier stage");
            }

            if (previous is not null)
            {
                if (previous.Stops)
                {
                    errors.Add(where, $"can never fire: stage '{previous.Name}' before it stops dunning");
                }

                if (stage.OffsetDays == previous.OffsetDays)
                {
                    errors.Add($"{where}.offsetDays", $"{stage.OffsetDays} duplicates the offset of stage '{previous.Name}'");
                }
                else if (stage.OffsetDays < previous.OffsetDays)
                {
                    errors.Add($"{where}.offsetDays", $"{stage.OffsetDays} is before the offset of the previous stage '{previous.Name}' ({previous.OffsetDays}); stages must be in increasing offset order");
                }
            }

            stages.Add(stage);
            previous = stage;
        }

        return stages;
    }

    private static DunningStage? ValidateStage(StageDocument document, string where, PolicyErrors errors)
    {
        var before = errors.Count;
        if (string.IsNullOrWhiteSpace(document.Name))
        {
            errors.Add($"{where}.name", "is required");
        }
        else if (!Slug().IsMatch(document.Name))
        {
            errors.Add($"{where}.name", $"'{document.Name}' must be lower-case letters, digits and dashes (it is part of notice ids)");
        }

        var conditions = StageConditions.None;
        if (document.Conditions is { } c)
        {
            if (c.MinDaysPastDue is < -366 or > 3660)
            {
                errors.Add($"{where}.conditions.minDaysPastDue", $"{c.MinDaysPastDue} is out of range");
            }

            if (c.MinAmountOverdue is < 0)
            {
                errors.Add($"{where}.conditions.minAmountOverdue", $"must not be negative, was {c.MinAmountOverdue}");
            }

            conditions = new StageConditions(c.MinDaysPastDue, c.MinAmountOverdue);
        }

        var channels = new List<Channel>();
        foreach (var (text, index) in (document.Channels ?? []).Select((t, i) => (t, i)))
        {
            if (text is not null && Channels.TryGetValue(text, out var channel))
            {
                if (channels.Contains(channel))
                {
                    errors.Add($"{where}.channels[{index}]", $"'{text}' is listed twice");
                }

                channels.Add(channel);
            }
            else
            {
                errors.Add($"{where}.channels[{index}]", $"unknown channel '{text}'; known channels are {string.Join(", ", Channels.Keys)}");
            }
        }

        if (channels.Count > 0 && string.IsNullOrWhiteSpace(document.TemplateKey))
        {
            errors.Add($"{where}.templateKey", "is required when the stage sends a notice");
        }

        var actions = ValidateActions(document.Actions, where, errors);
        if (channels.Count == 0 && actions.Count == 0)
        {
            errors.Add($"{where}.channels", "a stage with no channels must at least have an action");
        }

        if (actions.Any(a => a is LegalEscalation) && !actions.Any(a => a is StopDunning))
        {
            errors.Add($"{where}.actions", "a legal escalation must be followed by a stop action in the same stage");
        }

        if (errors.Count > before || document.Name is null)
        {
            return null;
        }

        return new DunningStage(document.Name, document.OffsetDays ?? 0, conditions, channels, document.TemplateKey, actions);
    }

    private static List<StageAction> ValidateActions(List<ActionDocument?>? documents, string stage, PolicyErrors errors)
    {
        var actions = new List<StageAction>();
        for (var index = 0; index < (documents?.Count ?? 0); index++)
        {
            var document = documents![index];
            var where = $"{stage}.actions[{index}]";
            var action = document is null ? null : ValidateAction(document, where, errors);
            if (document is null)
            {
                errors.Add(where, "is empty");
            }
            else if (action is not null && actions.Any(a => a.GetType() == action.GetType()))
            {
                errors.Add($"{where}.type", $"'{document.Type}' appears twice in the stage");
            }
            else if (action is not null)
            {
                actions.Add(action);
            }
        }

        return actions;
    }

    private static StageAction? ValidateAction(ActionDocument document, string where, PolicyErrors errors)
    {
        switch (document.Type)
        {
            case "flatFee":
                if (document.Amounts is null || document.Amounts.Count == 0)
                {
                    errors.Add($"{where}.amounts", "a flat fee needs an amount per currency, e.g. {\"EUR\": 15}");
                    return null;
                }

                var valid = true;
                foreach (var (currency, amount) in document.Amounts)
                {
                    if (!Currencies.IsKnown(currency))
                    {
                        errors.Add($"{where}.amounts.{currency}", $"'{currency}' is not a known ISO 4217 currency code");
                        valid = false;
                    }
                    else if (amount <= 0 || amount > AccountLimits.MaxItemAmount)
                    {
                        errors.Add($"{where}.amounts.{currency}", string.Create(CultureInfo.InvariantCulture, $"a fee must be positive and at most {AccountLimits.MaxItemAmount:N0}, was {amount}"));
                        valid = false;
                    }
                    else if (!Currencies.HasValidPrecision(amount, currency))
                    {
                        errors.Add($"{where}.amounts.{currency}", $"{amount} has more decimals than {currency} allows");
                        valid = false;
                    }
                }

                return valid ? new FlatFee(new Dictionary<string, decimal>(document.Amounts, StringComparer.Ordinal)) : null;

            case "percentageFee":
                if (document.Percent is not { } percent || percent <= 0 || percent > 100)
                {
                    errors.Add($"{where}.percent", $"must be more than 0 and at most 100, was {document.Percent?.ToString(CultureInfo.InvariantCulture) ?? "missing"}");
                    return null;
                }

                return new PercentageFee(percent);

            case "interest":
                if (document.AnnualRatePercent is not { } rate || rate <= 0 || rate > 100)
                {
                    errors.Add($"{where}.annualRatePercent", $"must be more than 0 and at most 100, was {document.AnnualRatePercent?.ToString(CultureInfo.InvariantCulture) ?? "missing"}");
                    return null;
                }

                return new DailyInterest(rate);

            case "collectorTask":
                var mode = document.Mode switch
                {
                    null or "assign" => CollectorTaskMode.Assign,
                    "notify" => CollectorTaskMode.Notify,
                    _ => (CollectorTaskMode?)null,
                };
                if (mode is null)
                {
                    errors.Add($"{where}.mode", $"'{document.Mode}' is not assign or notify");
                }

                if (document.FollowUpDays is not { } days || days < 1 || days > 365)
                {
                    errors.Add($"{where}.followUpDays", $"must be between 1 and 365, was {document.FollowUpDays?.ToString(CultureInfo.InvariantCulture) ?? "missing"}");
                    return null;
                }

                return mode is { } m ? new CollectorTask(m, days) : null;

            case "legalEscalation":
                return new LegalEscalation();

            case "stop":
                return new StopDunning();

            default:
                errors.Add($"{where}.type", $"unknown action '{document.Type}'; known actions are flatFee, percentageFee, interest, collectorTask, legalEscalation, stop");
                return null;
        }
    }

    private static PromiseSettings ValidatePromises(PromiseDocument? document, PolicyErrors errors)
    {
        if (document is null)
        {
            return PromiseSettings.Default;
        }

        var grace = document.GraceDays ?? 0;
        if (grace is < 0 or > 60)
        {
            errors.Add("promiseToPay.graceDays", $"must be between 0 and 60, was {grace}");
        }

        DunningStage? stage = null;
        if (document.BrokenPromiseStage is { } stageDocument)
        {
            var where = "promiseToPay.brokenPromiseStage";
            stage = ValidateStage(stageDocument, where, errors);
            if (stage?.Stops == true)
            {
                errors.Add($"{where}.actions", "a broken promise cannot stop dunning; put the stop in a regular stage");
            }
        }

        return new PromiseSettings(grace, stage);
    }

    private static RiskSettings ValidateRisk(RiskDocument? document, PolicyErrors errors)
    {
        if (document is null)
        {
            return RiskSettings.Default;
        }

        var threshold = document.ScoreWarningBelow ?? RiskSettings.Default.ScoreWarningBelow;
        if (threshold is < 0 or > CreditScore.Maximum)
        {
            errors.Add("risk.scoreWarningBelow", $"must be between 0 and {CreditScore.Maximum}, was {threshold}");
        }

        return new RiskSettings(threshold);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex Slug();

    private sealed class PolicyErrors(string file)
    {
        private readonly List<PolicyError> errors = [];

        public int Count => errors.Count;

        public bool Any => errors.Count > 0;

        public void Add(string where, string message) => errors.Add(new PolicyError(file, where, message));

        public PolicyLoadResult Result(DunningPolicy? policy) =>
            errors.Count > 0 ? new PolicyLoadResult(null, errors) : new PolicyLoadResult(policy, errors);
    }
}
