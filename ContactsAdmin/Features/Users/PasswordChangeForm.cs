namespace ContactsAdmin.Features.Users;

/// <summary>
/// What the account page posts to change its user's password, and what the endpoint reads and names in its problem
/// details (the endpoint lives with the other cookie-issuing endpoints in Components/Account).
/// </summary>
public static class PasswordChangeForm
{
    public const string Path = "/Account/Password";
    public const string CurrentPassword = "currentPassword", NewPassword = "newPassword", ConfirmPassword = "confirmPassword";
}
