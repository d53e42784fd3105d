using Bogus;

namespace ContactsAdmin.Features.Demo;

internal static class DemoRandom
{
    /// <summary>
    /// Picks an item with a chance proportional to its weight. (Bogus's WeightedRandom wants weights that add up
    /// to 1; relative weights such as 66 and 3 read better in the tables here.)
    /// </summary>
    public static T Weighted<T>(this Randomizer random, T[] items, float[] weights)
    {
        if (items.Length == 0 || items.Length != weights.Length)
            throw new ArgumentException("Give one weight per item, and at least one item.", nameof(weights));
        var roll = random.Double() * weights.Sum();
        for (var i = 0; i < items.Length; i++)
        {
            roll -= weights[i];
            if (roll < 0) return items[i];
        }
        return items[^1];
    }
}
