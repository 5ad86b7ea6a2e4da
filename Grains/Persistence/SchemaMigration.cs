using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace ControlPlane.Grains.Persistence;

/// <summary>
/// One numbered migration file of deploy/sql as embedded in this assembly: the version and name come from the file
/// name (NNNN_name.sql), the checksum from its text, so a shipped migration that was edited afterwards is detected.
/// </summary>
internal sealed record SchemaMigration(int Version, string Name, string Sql, string Checksum)
{
    /// <summary>Prefix of the embedded resources' logical names (see the Grains project file).</summary>
    internal const string ResourcePrefix = "ControlPlane.Grains.Persistence.Migrations.";

    /// <summary>Every migration embedded in <paramref name="assembly"/>, in version order.</summary>
    internal static IReadOnlyList<SchemaMigration> LoadEmbedded(Assembly assembly)
    {
        var migrations = new List<SchemaMigration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(ResourcePrefix, StringComparison.Ordinal) || !resource.EndsWith(".sql", StringComparison.Ordinal))
            {
                continue;
            }

            var fileName = resource[ResourcePrefix.Length..];
            using var stream = assembly.GetManifestResourceStream(resource)
                ?? throw new InvalidOperationException($"Embedded migration {resource} cannot be read.");
            using var reader = new StreamReader(stream, Encoding.UTF8);
            migrations.Add(Parse(fileName, reader.ReadToEnd()));
        }

        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 1; i < migrations.Count; i++)
        {
            if (migrations[i].Version == migrations[i - 1].Version)
            {
                throw new InvalidOperationException(
                    $"Two embedded migrations share version {migrations[i].Version}: {migrations[i - 1].Name} and {migrations[i].Name}.");
            }
        }

        return migrations;
    }

    /// <summary>Builds a migration from its file name (NNNN_name.sql) and text.</summary>
    internal static SchemaMigration Parse(string fileName, string sql)
    {
        var stem = Path.GetFileNameWithoutExtension(fileName);
        var separator = stem.IndexOf('_', StringComparison.Ordinal);
        if (separator <= 0 || !int.TryParse(stem.AsSpan(0, separator), NumberStyles.None, CultureInfo.InvariantCulture, out var version) || version <= 0)
        {
            throw new InvalidOperationException($"Migration file name {fileName} does not look like NNNN_name.sql.");
        }

        return new SchemaMigration(version, stem[(separator + 1)..], sql, ChecksumOf(sql));
    }

    /// <summary>
    /// SHA-256 of the text with line endings normalized to LF, so a checkout that turns LF into CRLF does not look
    /// like an edited migration.
    /// </summary>
    internal static string ChecksumOf(string sql)
    {
        var normalized = sql.Replace("\r\n", "\n", StringComparison.Ordinal);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)));
    }
}
