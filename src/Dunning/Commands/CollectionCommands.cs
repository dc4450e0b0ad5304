namespace ArScale.Dunning;

public sealed record AddCollectionNote(string CommandId, string Author, string Text) : AccountCommand(CommandId);

public sealed record RecordNoticeOutcome(
    string CommandId,
    string NoticeId,
    Channel Channel,
    NoticeOutcome Outcome,
    DateTimeOffset At,
    string? Detail = null) : AccountCommand(CommandId);
