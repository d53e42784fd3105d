namespace ContactsAdmin.Features.Demo;

/// <summary>
/// Separate random streams per contact and purpose, all derived from the run's seed. A contact's person does
/// not depend on how many activities an earlier contact drew, so changing the activity count keeps the people.
/// (HashCode.Combine is randomized per process, so the mixing is done here: SplitMix64's finalizer.)
/// </summary>
internal static class DemoSeeds
{
    public const int Person = 1;
    public const int EmailHistory = 2;
    public const int Activity = 3;
    /// <summary>The interests field's own stream: added later, so the people drawn before it stay as they were.</summary>
    public const int Interests = 4;

    public static DemoRandom For(int seed, int contactIndex, int stream)
    {
        var x = SplitMix((uint)seed);
        x = SplitMix(x ^ (uint)contactIndex);
        x = SplitMix(x ^ (uint)stream);
        return new DemoRandom(x);
    }

    private static ulong SplitMix(ulong x)
    {
        unchecked
        {
            x += 0x9E37_79B9_7F4A_7C15;
            x = (x ^ (x >> 30)) * 0xBF58_476D_1CE4_E5B9;
            x = (x ^ (x >> 27)) * 0x94D0_49BB_1331_11EB;
            return x ^ (x >> 31);
        }
    }
}
