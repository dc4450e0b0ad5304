namespace ArScale.Dunning;

internal static class StatementDates
{
    public static DateOnly OnOrAfter(DateOnly date, int statementDay)
    {
        var candidate = new DateOnly(date.Year, date.Month, statementDay);
        return candidate >= date ? candidate : candidate.AddMonths(1);
    }

    public static DateOnly OnOrBefore(DateOnly date, int statementDay)
    {
        var candidate = new DateOnly(date.Year, date.Month, statementDay);
        return candidate <= date ? candidate : candidate.AddMonths(-1);
    }
}
