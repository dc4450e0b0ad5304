namespace ArScale.Dunning;

/// <summary>
/// The persisted shape of an account (the grain stores it as JSON with <see cref="DunningJson.Options"/>).
/// Change it only through <see cref="Account"/>: its setters are public for the serializer, not for callers.
/// </summary>
public sealed class AccountState
{
    public string AccountId { get; set; } = string.Empty;
    public DateTimeOffset? OpenedAt { get; set; }
    public AccountProfile? Profile { get; set; }
    public List<Invoice> Invoices { get; set; } = [];
    public List<Payment> Payments { get; set; } = [];
    public List<CreditNote> CreditNotes { get; set; } = [];
    public List<WriteOff> WriteOffs { get; set; } = [];
    public List<Fee> Fees { get; set; } = [];

    /// <summary>Unapplied credit per currency (overpayments, surplus credit notes), used up by the next invoice.</summary>
    public Dictionary<string, decimal> Credit { get; set; } = new(StringComparer.Ordinal);

    public List<Dispute> Disputes { get; set; } = [];
    public List<PaymentPromise> Promises { get; set; } = [];
    public List<Statement> Statements { get; set; } = [];
    public DateOnly? LastStatementDate { get; set; }

    /// <summary>Dunning progress per item id.</summary>
    public Dictionary<string, StageProgress> Progress { get; set; } = new(StringComparer.Ordinal);

    public PaymentHistory History { get; set; } = new();
    public RiskFlags Risk { get; set; } = RiskFlags.None;
    public List<NoticeRecord> Notices { get; set; } = [];
    public List<EscalationRecord> Escalations { get; set; } = [];
    public List<ContactAttempt> Contacts { get; set; } = [];
    public List<CollectionNote> Notes { get; set; } = [];

    /// <summary>An operator's pause of all dunning, or null; see <see cref="Account.EffectiveFlags"/>.</summary>
    public DunningPause? Pause { get; set; }

    public List<DunningPauseChange> PauseHistory { get; set; } = [];
    public List<ProcessedCommand> ProcessedCommands { get; set; } = [];
}
