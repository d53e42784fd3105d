using ContactsAdmin.Data;
using Microsoft.AspNetCore.Identity;

namespace ContactsAdmin.Features.Users;

public enum SignInOutcome { SignedIn, WrongCredentials, LockedOut, Disabled, Throttled }

/// <param name="RetryAfter">For <see cref="SignInOutcome.Throttled"/>: how long to wait before trying again.</param>
public sealed record SignInResult(SignInOutcome Outcome, TimeSpan? RetryAfter = null);

/// <summary>
/// Signs in with email and password: throttled per client address and account, every failure logged (never the
/// password), and an unknown account costs a password hash check like a known one, so the answer's timing does
/// not tell whether the account exists.
/// </summary>
public sealed class PasswordSignIn(
    SignInManager<ApplicationUser> signInManager,
    SignInThrottle throttle,
    TimeProvider time,
    ILogger<PasswordSignIn> logger)
{
    // A hash of a password nobody knows, made once by the app's own hasher, for accounts that do not exist.
    private static string? dummyHash;

    private UserManager<ApplicationUser> Users => signInManager.UserManager;

    public async Task<SignInResult> SignInAsync(string email, string password, bool remember, string clientAddress)
    {
        if (throttle.TryStart(new SignInAttemptSource(clientAddress, email)) is { } wait)
        {
            logger.LogWarning("Sign-in refused for {Account} from {ClientAddress}: {Reason}.", email, clientAddress, "too many attempts");
            return new SignInResult(SignInOutcome.Throttled, wait);
        }

        var user = await Users.FindByEmailAsync(email);
        if (user is null)
        {
            VerifyAgainstDummyHash(password);
            return Failed(SignInOutcome.WrongCredentials, email, clientAddress, "unknown account");
        }

        // Failed attempts count towards lockout (Identity options: 5 attempts, 15 minutes).
        var result = await signInManager.PasswordSignInAsync(user, password, remember, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            // Shown to Admins on the Users page. Not a security stamp change: the new session stays valid.
            user.LastSignInAt = time.GetUtcNow().UtcDateTime;
            await Users.UpdateAsync(user);
            logger.LogInformation("{Account} signed in from {ClientAddress}.", email, clientAddress);
            return new SignInResult(SignInOutcome.SignedIn);
        }
        if (result.IsLockedOut && UserAccounts.IsDisabled(user))
        {
            // Only someone who knows the password learns that the account is disabled.
            return await Users.CheckPasswordAsync(user, password)
                ? Failed(SignInOutcome.Disabled, email, clientAddress, "account disabled")
                : Failed(SignInOutcome.WrongCredentials, email, clientAddress, "account disabled, wrong password");
        }
        if (result.IsLockedOut)
            return Failed(SignInOutcome.LockedOut, email, clientAddress, "account locked");
        return Failed(SignInOutcome.WrongCredentials, email, clientAddress, "wrong password");
    }

    private void VerifyAgainstDummyHash(string password)
    {
        var hasher = Users.PasswordHasher;
        var probe = new ApplicationUser();
        dummyHash ??= hasher.HashPassword(probe, Guid.NewGuid().ToString("N"));
        hasher.VerifyHashedPassword(probe, dummyHash, password);
    }

    private SignInResult Failed(SignInOutcome outcome, string email, string clientAddress, string reason)
    {
        logger.LogWarning("Sign-in failed for {Account} from {ClientAddress}: {Reason}.", email, clientAddress, reason);
        return new SignInResult(outcome);
    }
}
