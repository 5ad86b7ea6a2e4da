namespace ControlPlane.Runtime;

/// <summary>FNV-1a over UTF-16 code units: a hash that never changes between processes or machines.</summary>
public static class StableHash
{
    public static uint Fnv1a(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        unchecked
        {
            var hash = 2166136261u;
            foreach (var c in text)
            {
                hash = (hash ^ c) * 16777619u;
            }

            return hash;
        }
    }
}
