namespace ArScale.Scenarios;

/// <summary>
/// What the 120-day scenario must produce, each once: shared by the domain test (an Account driven directly)
/// and the grain test (the same days through an AccountGrain), so the two can never drift apart.
/// </summary>
public static class HundredTwentyDaysExpected
{
    public static readonly string[] Notices =
    [
        "2026-09-07 courtesy inv-A+inv-B",
        "2026-09-10 due inv-A+inv-B",
        "2026-09-17 overdue-7 inv-A+inv-B",
        "2026-09-25 overdue-15 inv-B",
        "2026-10-10 collector-30 inv-B",
        "2026-10-12 courtesy inv-D",
        "2026-10-15 due inv-D",
        "2026-10-20 overdue-15 inv-C",
        "2026-10-29 courtesy inv-E/1",
        "2026-10-31 collector-30 inv-C",
        "2026-11-01 due inv-E/1",
        "2026-11-03 broken-promise inv-D",
        "2026-11-14 collector-30 inv-D",
        "2026-11-28 courtesy inv-E/2",
        "2026-11-30 legal-60 inv-C",
        "2026-12-01 due inv-E/2",
        "2026-12-08 overdue-7 inv-E/2",
        "2026-12-14 legal-60 inv-D",
        "2026-12-16 overdue-15 inv-E/2",
        "2026-12-29 courtesy inv-E/3",
    ];

    public static readonly string[] Fees =
    [
        "acc-1:overdue-7:inv-A:2026-09-10:flat-fee 15",
        "acc-1:overdue-7:inv-B:2026-09-10:flat-fee 15",
        "acc-1:overdue-15:inv-B:2026-09-10:interest 0.99",
        "acc-1:overdue-15:inv-C:2026-10-01:interest 2.50",
        "acc-1:overdue-15:inv-D:2026-10-15:interest 2.92",
        "acc-1:broken-promise:inv-D:2026-10-30:flat-fee 25",
        "acc-1:overdue-7:inv-E/2:2026-12-01:flat-fee 15",
        "acc-1:overdue-15:inv-E/2:2026-12-01:interest 1.32",
    ];

    public static readonly string[] Escalations =
    [
        "collector-task collector-30 inv-B follow-up 2026-10-15",
        "collector-task collector-30 inv-C follow-up 2026-11-05",
        "collector-notification broken-promise inv-D follow-up 2026-11-05",
        "collector-task collector-30 inv-D follow-up 2026-11-19",
        "legal legal-60 inv-C",
        "legal legal-60 inv-D",
    ];
}
