using System.Text;
using ControlPlane.Grains.Abstractions.Specs;

namespace ControlPlane.Grains.Specs;

/// <summary>The host half of a disk: Crucible, a file or an in-memory blob. Secret payloads never appear in ToString.</summary>
public abstract record StorageBackend(bool Readonly)
{
    /// <summary>A Crucible volume; <paramref name="RequestJson"/> is a JSON object (checked) and may hold keys.</summary>
    public sealed record Crucible(string RequestJson, bool Readonly) : StorageBackend(Readonly)
    {
        protected override bool PrintMembers(StringBuilder builder)
        {
            builder.Append("RequestJson = ").Append(SensitivePayload.Describe(RequestJson)).Append(", Readonly = ").Append(Readonly);
            return true;
        }
    }

    /// <summary>A host file.</summary>
    public sealed record File(string Path, bool Readonly, uint BlockSize, FileBackendWorkers? Workers) : StorageBackend(Readonly);

    /// <summary>An in-memory disk whose content (valid base64, checked) is carried in the spec.</summary>
    public sealed record Blob(string Base64, bool Readonly) : StorageBackend(Readonly)
    {
        protected override bool PrintMembers(StringBuilder builder)
        {
            builder.Append("Base64 = ").Append(SensitivePayload.Describe(Base64)).Append(", Readonly = ").Append(Readonly);
            return true;
        }
    }
}
