namespace ArScale.Dunning;

public enum Channel
{
    Email,
    Sms,
    Webhook,
    Letter,
}
