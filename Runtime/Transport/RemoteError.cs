using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using ControlPlane.Runtime.Serialization;

namespace ControlPlane.Runtime.Transport;

/// <summary>
/// An exception as it crosses the wire: type name, message, its own public properties (as JSON) and one level of
/// inner exception; no stack trace. The receiver recreates the same type when it is loaded there, through the
/// constructor whose parameters it can bind from those properties, so callers can catch it by type and read it.
/// </summary>
internal sealed record RemoteError
{
    private static readonly FieldInfo? MessageField = typeof(Exception).GetField("_message", BindingFlags.NonPublic | BindingFlags.Instance);
    private static readonly FieldInfo? InnerField = typeof(Exception).GetField("_innerException", BindingFlags.NonPublic | BindingFlags.Instance);

    [JsonPropertyName("type")]
    public required string Type { get; init; }

    [JsonPropertyName("message")]
    public required string Message { get; init; }

    [JsonPropertyName("inner")]
    public RemoteError? Inner { get; init; }

    [JsonPropertyName("properties")]
    public Dictionary<string, JsonElement>? Properties { get; init; }

    public static RemoteError From(Exception exception, GrainSerializer serializer, bool withInner = true) => new()
    {
        Type = exception.GetType().FullName ?? exception.GetType().Name,
        Message = exception.Message,
        Inner = withInner && exception.InnerException is { } inner ? From(inner, serializer, withInner: false) : null,
        Properties = OwnProperties(exception, serializer),
    };

    /// <summary>Public properties declared below System.Exception that serialize; the rest are left out.</summary>
    private static Dictionary<string, JsonElement>? OwnProperties(Exception exception, GrainSerializer serializer)
    {
        Dictionary<string, JsonElement>? result = null;
        foreach (var property in exception.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.DeclaringType == typeof(Exception) || property.GetIndexParameters().Length > 0 || !property.CanRead
                || property.PropertyType == typeof(System.Reflection.MethodBase))
            {
                continue;
            }

            try
            {
                var bytes = serializer.Serialize(property.GetValue(exception), property.PropertyType);
                using var document = JsonDocument.Parse(bytes);
                (result ??= new(StringComparer.OrdinalIgnoreCase))[property.Name] = document.RootElement.Clone();
            }
            catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException or TargetInvocationException or ArgumentException)
            {
                // not serializable: the type and message still travel
            }
        }

        return result;
    }

    /// <summary>
    /// The same exception type with the same message when the type is loaded in this process (through its (string)
    /// constructor, or else created uninitialized with only message and inner exception set); otherwise a <see cref="RemoteGrainException"/>.
    /// Only types already loaded are considered: a peer cannot make this process load an assembly.
    /// </summary>
    public Exception ToException(GrainSerializer serializer)
    {
        var inner = Inner?.ToException(serializer);
        var type = FindLoadedExceptionType(Type);
        if (type is null)
        {
            return new RemoteGrainException(Type, Message);
        }

        try
        {
            Exception exception;
            if (TryConstructFromProperties(type, inner, serializer) is { } rebuilt)
            {
                exception = rebuilt;
            }
            else if (inner is null && type.GetConstructor(BindingFlags.Public | BindingFlags.Instance, [typeof(string)]) is { } byMessage)
            {
                exception = (Exception)byMessage.Invoke([Message]);
            }
            else if (type.GetConstructor(BindingFlags.Public | BindingFlags.Instance, [typeof(string), typeof(Exception)]) is { } byMessageAndInner && inner is not null)
            {
                exception = (Exception)byMessageAndInner.Invoke([Message, inner]);
            }
            else if (MessageField is not null && InnerField is not null)
            {
                exception = (Exception)RuntimeHelpers.GetUninitializedObject(type);
                MessageField.SetValue(exception, Message);
                InnerField.SetValue(exception, inner);
            }
            else
            {
                return new RemoteGrainException(Type, Message);
            }

            return exception;
        }
        catch (Exception ex) when (ex is TargetInvocationException or MemberAccessException or ArgumentException or NotSupportedException)
        {
            return new RemoteGrainException(Type, Message);
        }
    }

    /// <summary>The public constructor with the most parameters that all bind: "message", "inner"/"innerException", or a property of the same name.</summary>
    private Exception? TryConstructFromProperties(Type type, Exception? inner, GrainSerializer serializer)
    {
        foreach (var constructor in type.GetConstructors().OrderByDescending(c => c.GetParameters().Length))
        {
            var parameters = constructor.GetParameters();
            if (parameters.Length == 0)
            {
                continue;
            }

            var arguments = new object?[parameters.Length];
            var bound = true;
            for (var i = 0; i < parameters.Length && bound; i++)
            {
                var parameter = parameters[i];
                if (parameter.ParameterType == typeof(string) && string.Equals(parameter.Name, "message", StringComparison.OrdinalIgnoreCase))
                {
                    arguments[i] = MessageWithoutParameterSuffix();
                }
                else if (typeof(Exception).IsAssignableFrom(parameter.ParameterType) && parameter.Name is "inner" or "innerException")
                {
                    bound = inner is null || parameter.ParameterType.IsInstanceOfType(inner);
                    arguments[i] = inner;
                }
                else if (FindProperty(parameter.Name) is { } value)
                {
                    try
                    {
                        arguments[i] = serializer.Deserialize(System.Text.Encoding.UTF8.GetBytes(value.GetRawText()), parameter.ParameterType);
                    }
                    catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException or ArgumentException)
                    {
                        bound = false;
                    }
                }
                else
                {
                    bound = false;
                }
            }

            if (bound)
            {
                try
                {
                    return (Exception)constructor.Invoke(arguments);
                }
                catch (TargetInvocationException)
                {
                }
            }
        }

        return null;
    }

    /// <summary>ArgumentException appends " (Parameter 'x')" to its message; pass the bare message back so it is not doubled.</summary>
    private string MessageWithoutParameterSuffix()
    {
        if (FindProperty("ParamName") is { ValueKind: JsonValueKind.String } name)
        {
            var suffix = $" (Parameter '{name.GetString()}')";
            if (Message.EndsWith(suffix, StringComparison.Ordinal))
            {
                return Message[..^suffix.Length];
            }
        }

        return Message;
    }

    private JsonElement? FindProperty(string? name)
    {
        if (Properties is null || name is null)
        {
            return null;
        }

        foreach (var (key, value) in Properties)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }

    private static Type? FindLoadedExceptionType(string fullName)
    {
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
        {
            if (assembly.GetType(fullName, throwOnError: false) is { } type && typeof(Exception).IsAssignableFrom(type) && !type.IsAbstract)
            {
                return type;
            }
        }

        return null;
    }
}

/// <summary>Source-generated JSON metadata for the transport's own payloads.</summary>
[JsonSerializable(typeof(RemoteError))]
internal sealed partial class TransportJsonContext : JsonSerializerContext
{
}
