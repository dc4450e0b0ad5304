namespace ArScale.Dunning;

public sealed partial class Account
{
    private const int MaxPauseReasonLength = 500;
    private const int MaxActorLength = 200;

    /// <summary>The profile's flags with an operator's pause folded in: what evaluation and the notice check obey.</summary>
    public AccountFlags EffectiveFlags
    {
        get
        {
            var flags = State.Profile?.EffectiveFlags ?? AccountFlags.None;
            return State.Pause is not null && !flags.DunningPaused ? flags with { DunningPaused = true } : flags;
        }
    }

    private CommandResult Handle(PauseDunning command, DateTimeOffset now)
    {
        var problem = Problem.Required(command.Reason, "reason") ?? Problem.Required(command.By, "by");
        if (problem is null && command.Reason.Length > MaxPauseReasonLength)
        {
            problem = new Problem("reason", $"at most {MaxPauseReasonLength} characters");
        }

        if (problem is null && command.By.Length > MaxActorLength)
        {
            problem = new Problem("by", $"at most {MaxActorLength} characters");
        }

        if (problem is { } p)
        {
            return Reject(command, p);
        }

        if (State.Pause is { } current && current.Reason == command.Reason)
        {
            return new CommandResult.Duplicate(command.CommandId);
        }

        // A new reason on a paused account is recorded, but the pause still dates from when it began.
        State.Pause = new DunningPause(command.Reason, command.By, State.Pause?.Since ?? now);
        AccountLimits.AddCapped(State.PauseHistory, new DunningPauseChange(command.CommandId, true, command.Reason, command.By, now), AccountLimits.PauseChanges);
        return Accept(command);
    }

    private CommandResult Handle(ResumeDunning command, DateTimeOffset now)
    {
        var problem = Problem.Required(command.By, "by");
        if (problem is null && command.By.Length > MaxActorLength)
        {
            problem = new Problem("by", $"at most {MaxActorLength} characters");
        }

        if (problem is null && command.Reason?.Length > MaxPauseReasonLength)
        {
            problem = new Problem("reason", $"at most {MaxPauseReasonLength} characters");
        }

        if (problem is { } p)
        {
            return Reject(command, p);
        }

        // Resuming what is not paused by an operator changes nothing; a pause set by the billing system's flag stays.
        if (State.Pause is null)
        {
            return new CommandResult.Duplicate(command.CommandId);
        }

        State.Pause = null;
        AccountLimits.AddCapped(State.PauseHistory, new DunningPauseChange(command.CommandId, false, command.Reason, command.By, now), AccountLimits.PauseChanges);
        return Accept(command);
    }
}
