using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace ArScale.Gateway.OperationsConsole.Users;

public enum PasswordCheck
{
    Wrong,
    Right,

    /// <summary>Right, but hashed with weaker settings than today's: store a new hash.</summary>
    RightButRehash,
}

/// <summary>
/// Passwords hashed with ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/> (PBKDF2, HMAC-SHA512, 100,000
/// iterations, a random salt per hash). Unlike API keys, passwords are chosen by people and guessable, so the slow
/// hash is the point; the sign-in throttle keeps a flood of guesses from turning it into a CPU cost.
/// </summary>
public sealed class ConsolePasswords
{
    private readonly PasswordHasher<ConsoleUser> hasher = new();

    // Checked against when the user does not exist, so an unknown name takes as long to refuse as a wrong password.
    private readonly Lazy<string> decoy;

    public ConsolePasswords() => decoy = new Lazy<string>(() => Hash(Generate()));

    public string Hash(string password) => hasher.HashPassword(null!, password);

    public PasswordCheck Verify(string hash, string? password) =>
        hasher.VerifyHashedPassword(null!, hash, password ?? "") switch
        {
            PasswordVerificationResult.Success => PasswordCheck.Right,
            PasswordVerificationResult.SuccessRehashNeeded => PasswordCheck.RightButRehash,
            _ => PasswordCheck.Wrong,
        };

    /// <summary>Spends the time of one verification and answers wrong.</summary>
    public PasswordCheck VerifyAgainstNothing(string? password)
    {
        _ = Verify(decoy.Value, password);
        return PasswordCheck.Wrong;
    }

    /// <summary>A random password of about 144 bits, for users created from the command line.</summary>
    public static string Generate() => System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(18));
}
