#if NETSTANDARD2_0
namespace JinaClip.Polyfills;

/// <summary>The <see cref="KeyValuePair{TKey, TValue}"/> and <see cref="Dictionary{TKey, TValue}"/> members that netstandard2.0 lacks.</summary>
internal static class CollectionPolyfills
{
    public static void Deconstruct<TKey, TValue>(this KeyValuePair<TKey, TValue> pair, out TKey key, out TValue value)
    {
        key = pair.Key;
        value = pair.Value;
    }

    public static bool Remove<TKey, TValue>(this Dictionary<TKey, TValue> dictionary, TKey key, out TValue value)
        where TKey : notnull
    {
        if (dictionary.TryGetValue(key, out value!))
        {
            dictionary.Remove(key);
            return true;
        }

        return false;
    }
}
#endif
