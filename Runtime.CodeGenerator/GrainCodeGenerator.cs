using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;

namespace ControlPlane.Runtime.CodeGenerator;

/// <summary>
/// Emits, at build time, a proxy class and one invokable request class per grain-interface method, and a
/// manifest provider that tells the runtime which grain interfaces and classes the assembly holds.
/// Method identity is a stable alias (the [Alias] attribute, or interface name + method signature), never
/// reflection order.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class GrainCodeGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        context.RegisterSourceOutput(context.CompilationProvider, static (spc, compilation) => Execute(spc, compilation));
    }

    private static void Execute(SourceProductionContext context, Compilation compilation)
    {
        var grainMarker = compilation.GetTypeByMetadataName(KnownNames.IGrain);
        if (grainMarker is null)
        {
            return; // the compilation does not reference the runtime
        }

        var model = new GrainModelReader(compilation, grainMarker);
        var interfaces = new List<GrainInterfaceModel>();
        var classes = new List<GrainClassModel>();
        foreach (var type in AllTypes(compilation.Assembly.GlobalNamespace))
        {
            if (type.TypeKind == TypeKind.Interface && model.IsGrainInterface(type) && !model.IsRuntimeMarker(type))
            {
                var parsed = model.ReadInterface(type, context);
                if (parsed is not null)
                {
                    interfaces.Add(parsed);
                }
            }
            else if (type.TypeKind == TypeKind.Class && !type.IsAbstract && !type.IsStatic && model.IsGrainClass(type))
            {
                classes.Add(model.ReadClass(type));
            }
        }

        if (interfaces.Count == 0 && classes.Count == 0)
        {
            return;
        }

        var emitter = new GrainSourceEmitter(compilation.AssemblyName ?? "Assembly");
        context.AddSource("ControlPlane.Runtime.Generated.g.cs", emitter.Emit(interfaces, classes));
    }

    private static IEnumerable<INamedTypeSymbol> AllTypes(INamespaceSymbol ns)
    {
        foreach (var member in ns.GetMembers())
        {
            if (member is INamespaceSymbol child)
            {
                foreach (var t in AllTypes(child))
                {
                    yield return t;
                }
            }
            else if (member is INamedTypeSymbol type)
            {
                foreach (var t in WithNested(type))
                {
                    yield return t;
                }
            }
        }
    }

    private static IEnumerable<INamedTypeSymbol> WithNested(INamedTypeSymbol type)
    {
        yield return type;
        foreach (var nested in type.GetTypeMembers())
        {
            foreach (var t in WithNested(nested))
            {
                yield return t;
            }
        }
    }
}

internal static class KnownNames
{
    public const string IGrain = "ControlPlane.Runtime.IGrain";
    public const string IAddressable = "ControlPlane.Runtime.IAddressable";
    public const string IGrainBase = "ControlPlane.Runtime.IGrainBase";
    public const string AliasAttribute = "ControlPlane.Runtime.AliasAttribute";
    public const string OneWayAttribute = "ControlPlane.Runtime.OneWayAttribute";
    public const string ReadOnlyAttribute = "ControlPlane.Runtime.ReadOnlyAttribute";
    public const string AlwaysInterleaveAttribute = "ControlPlane.Runtime.AlwaysInterleaveAttribute";
    public const string ResponseTimeoutAttribute = "ControlPlane.Runtime.ResponseTimeoutAttribute";
    public const string ImmutableAttribute = "ControlPlane.Runtime.ImmutableAttribute";
    public const string ImmutableWrapper = "ControlPlane.Runtime.Immutable`1";
    public const string GrainId = "ControlPlane.Runtime.GrainId";
}

internal static class Diagnostics
{
    public static readonly DiagnosticDescriptor UnsupportedReturnType = new(
        "CPRT001", "Unsupported grain method return type",
        "Grain method '{0}.{1}' must return Task, Task<T>, ValueTask or ValueTask<T>",
        "ControlPlane.Runtime", DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor GenericMethod = new(
        "CPRT002", "Generic grain methods are not supported",
        "Grain method '{0}.{1}' is generic; grain methods cannot have type parameters",
        "ControlPlane.Runtime", DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor RefParameter = new(
        "CPRT003", "ref/out/in parameters are not supported",
        "Grain method '{0}.{1}' has a ref, out or in parameter '{2}'",
        "ControlPlane.Runtime", DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor GenericInterface = new(
        "CPRT004", "Generic grain interfaces are not supported",
        "Grain interface '{0}' is generic; generic grain interfaces are not supported",
        "ControlPlane.Runtime", DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor NonMethodMember = new(
        "CPRT005", "Grain interfaces may only declare methods",
        "Grain interface '{0}' declares '{1}', which is not a method",
        "ControlPlane.Runtime", DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor OneWayResult = new(
        "CPRT006", "[OneWay] methods cannot return a value",
        "Grain method '{0}.{1}' is [OneWay] and must return Task or ValueTask",
        "ControlPlane.Runtime", DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor DuplicateAlias = new(
        "CPRT007", "Duplicate method alias",
        "Grain interface '{0}' has two methods with the alias '{1}'",
        "ControlPlane.Runtime", DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor TooManyCancellationTokens = new(
        "CPRT008", "At most one CancellationToken parameter",
        "Grain method '{0}.{1}' takes more than one CancellationToken",
        "ControlPlane.Runtime", DiagnosticSeverity.Error, isEnabledByDefault: true);
}
