using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace ControlPlane.Runtime.CodeGenerator;

internal enum ReturnKind
{
    Task,
    TaskOfT,
    ValueTask,
    ValueTaskOfT,
}

internal sealed class GrainParameterModel
{
    public GrainParameterModel(string name, string typeName, bool isCancellationToken)
    {
        Name = name;
        TypeName = typeName;
        IsCancellationToken = isCancellationToken;
    }

    public string Name { get; }
    public string TypeName { get; }
    public bool IsCancellationToken { get; }
}

internal sealed class GrainMethodModel
{
    public GrainMethodModel(
        string declaringInterface, string declaringInterfaceAlias, string name, string alias, ReturnKind returnKind,
        string? resultType, IReadOnlyList<GrainParameterModel> parameters, bool oneWay, bool readOnly,
        bool alwaysInterleave, string? responseTimeout, bool argumentsImmutable, bool resultImmutable,
        string requestClassName, bool generateRequestHere, string? resultTypeOf)
    {
        ResultTypeOf = resultTypeOf;
        DeclaringInterface = declaringInterface;
        DeclaringInterfaceAlias = declaringInterfaceAlias;
        Name = name;
        Alias = alias;
        ReturnKind = returnKind;
        ResultType = resultType;
        Parameters = parameters;
        OneWay = oneWay;
        ReadOnly = readOnly;
        AlwaysInterleave = alwaysInterleave;
        ResponseTimeout = responseTimeout;
        ArgumentsImmutable = argumentsImmutable;
        ResultImmutable = resultImmutable;
        RequestClassName = requestClassName;
        GenerateRequestHere = generateRequestHere;
    }

    public string DeclaringInterface { get; }
    public string DeclaringInterfaceAlias { get; }
    public string Name { get; }
    public string Alias { get; }
    public ReturnKind ReturnKind { get; }
    public string? ResultType { get; }
    public string? ResultTypeOf { get; }
    public IReadOnlyList<GrainParameterModel> Parameters { get; }
    public bool OneWay { get; }
    public bool ReadOnly { get; }
    public bool AlwaysInterleave { get; }
    public string? ResponseTimeout { get; }
    public bool ArgumentsImmutable { get; }
    public bool ResultImmutable { get; }
    public string RequestClassName { get; }
    public bool GenerateRequestHere { get; }
}

internal sealed class GrainInterfaceModel
{
    public GrainInterfaceModel(string fullName, string alias, string keyKind, string proxyClassName, IReadOnlyList<GrainMethodModel> methods)
    {
        FullName = fullName;
        Alias = alias;
        KeyKind = keyKind;
        ProxyClassName = proxyClassName;
        Methods = methods;
    }

    public string FullName { get; }
    public string Alias { get; }
    public string KeyKind { get; }
    public string ProxyClassName { get; }
    public IReadOnlyList<GrainMethodModel> Methods { get; }
}

internal sealed class GrainClassModel
{
    public GrainClassModel(string fullName, IReadOnlyList<string> interfaces)
    {
        FullName = fullName;
        Interfaces = interfaces;
    }

    public string FullName { get; }
    public IReadOnlyList<string> Interfaces { get; }
}

/// <summary>Reads grain interfaces and classes from Roslyn symbols into plain models.</summary>
internal sealed class GrainModelReader
{
    private static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    private static readonly SymbolDisplayFormat AliasFormat = SymbolDisplayFormat.CSharpErrorMessageFormat
        .WithMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.UseSpecialTypes);

    private readonly Compilation _compilation;
    private readonly INamedTypeSymbol _grainMarker;
    private readonly INamedTypeSymbol? _addressable;
    private readonly INamedTypeSymbol? _grainBase;

    public GrainModelReader(Compilation compilation, INamedTypeSymbol grainMarker)
    {
        _compilation = compilation;
        _grainMarker = grainMarker;
        _addressable = compilation.GetTypeByMetadataName(KnownNames.IAddressable);
        _grainBase = compilation.GetTypeByMetadataName(KnownNames.IGrainBase);
    }

    public bool IsGrainInterface(INamedTypeSymbol type) =>
        type.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i, _grainMarker));

    public bool IsRuntimeMarker(INamedTypeSymbol type) =>
        type.ContainingNamespace?.ToDisplayString() == "ControlPlane.Runtime";

    public bool IsGrainClass(INamedTypeSymbol type) =>
        _grainBase is not null
        && type.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i, _grainBase))
        && type.AllInterfaces.Any(i => IsGrainInterface(i) && !IsRuntimeMarker(i))
        && type.DeclaredAccessibility != Accessibility.Private;

    public GrainClassModel ReadClass(INamedTypeSymbol type)
    {
        var interfaces = type.AllInterfaces
            .Where(i => IsGrainInterface(i) && !IsRuntimeMarker(i) && !i.IsGenericType)
            .Select(i => i.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat))
            .ToList();
        return new GrainClassModel(type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), interfaces);
    }

    public GrainInterfaceModel? ReadInterface(INamedTypeSymbol type, SourceProductionContext context)
    {
        var location = type.Locations.FirstOrDefault();
        if (type.IsGenericType)
        {
            context.ReportDiagnostic(Diagnostic.Create(Diagnostics.GenericInterface, location, type.Name));
            return null;
        }

        var ok = true;
        var methods = new List<GrainMethodModel>();
        var seenAliases = new HashSet<string>();
        var all = new[] { type }.Concat(type.AllInterfaces)
            .Where(i => IsGrainInterface(i) && !IsRuntimeMarker(i) || SymbolEqualityComparer.Default.Equals(i, type));
        foreach (var iface in all)
        {
            var ifaceAlias = InterfaceAlias(iface);
            foreach (var member in iface.GetMembers())
            {
                if (member is IMethodSymbol { MethodKind: MethodKind.Ordinary } method)
                {
                    if (method.IsStatic || !method.IsAbstract)
                    {
                        continue; // static members and default implementations are not remote methods
                    }

                    var parsed = ReadMethod(iface, ifaceAlias, method, context);
                    if (parsed is null)
                    {
                        ok = false;
                        continue;
                    }

                    if (!seenAliases.Add(parsed.DeclaringInterfaceAlias + "::" + parsed.Alias))
                    {
                        context.ReportDiagnostic(Diagnostic.Create(Diagnostics.DuplicateAlias, method.Locations.FirstOrDefault(), iface.Name, parsed.Alias));
                        ok = false;
                        continue;
                    }

                    methods.Add(parsed);
                }
                else if (member is IPropertySymbol or IEventSymbol && SymbolEqualityComparer.Default.Equals(iface, type))
                {
                    context.ReportDiagnostic(Diagnostic.Create(Diagnostics.NonMethodMember, member.Locations.FirstOrDefault(), type.Name, member.Name));
                    ok = false;
                }
            }
        }

        if (!ok)
        {
            return null;
        }

        return new GrainInterfaceModel(
            type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            InterfaceAlias(type),
            KeyKind(type),
            "Proxy_" + Sanitize(type.ToDisplayString()),
            methods);
    }

    private GrainMethodModel? ReadMethod(INamedTypeSymbol iface, string ifaceAlias, IMethodSymbol method, SourceProductionContext context)
    {
        var location = method.Locations.FirstOrDefault();
        if (method.IsGenericMethod)
        {
            context.ReportDiagnostic(Diagnostic.Create(Diagnostics.GenericMethod, location, iface.Name, method.Name));
            return null;
        }

        var returnType = method.ReturnType as INamedTypeSymbol;
        ReturnKind kind;
        string? resultType = null;
        ITypeSymbol? resultSymbol = null;
        var rtName = returnType?.ConstructedFrom.ToDisplayString();
        switch (rtName)
        {
            case "System.Threading.Tasks.Task":
                kind = ReturnKind.Task;
                break;
            case "System.Threading.Tasks.ValueTask":
                kind = ReturnKind.ValueTask;
                break;
            case "System.Threading.Tasks.Task<TResult>":
                kind = ReturnKind.TaskOfT;
                resultSymbol = returnType!.TypeArguments[0];
                resultType = resultSymbol.ToDisplayString(TypeFormat);
                break;
            case "System.Threading.Tasks.ValueTask<TResult>":
                kind = ReturnKind.ValueTaskOfT;
                resultSymbol = returnType!.TypeArguments[0];
                resultType = resultSymbol.ToDisplayString(TypeFormat);
                break;
            default:
                context.ReportDiagnostic(Diagnostic.Create(Diagnostics.UnsupportedReturnType, location, iface.Name, method.Name));
                return null;
        }

        var parameters = new List<GrainParameterModel>();
        var cancellationTokens = 0;
        var argumentsImmutable = true;
        foreach (var p in method.Parameters)
        {
            if (p.RefKind != RefKind.None)
            {
                context.ReportDiagnostic(Diagnostic.Create(Diagnostics.RefParameter, location, iface.Name, method.Name, p.Name));
                return null;
            }

            var isCt = p.Type.ToDisplayString() == "System.Threading.CancellationToken";
            if (isCt)
            {
                cancellationTokens++;
            }
            else if (!IsImmutable(p.Type))
            {
                argumentsImmutable = false;
            }

            parameters.Add(new GrainParameterModel(p.Name, p.Type.ToDisplayString(TypeFormat), isCt));
        }

        if (cancellationTokens > 1)
        {
            context.ReportDiagnostic(Diagnostic.Create(Diagnostics.TooManyCancellationTokens, location, iface.Name, method.Name));
            return null;
        }

        var oneWay = HasAttribute(method, KnownNames.OneWayAttribute);
        if (oneWay && resultType is not null)
        {
            context.ReportDiagnostic(Diagnostic.Create(Diagnostics.OneWayResult, location, iface.Name, method.Name));
            return null;
        }

        var alias = AttributeString(method, KnownNames.AliasAttribute) ?? DefaultMethodAlias(method);
        var timeout = AttributeString(method, KnownNames.ResponseTimeoutAttribute);
        var requestClass = "Request_" + Sanitize(iface.ToDisplayString()) + "_" + Sanitize(method.Name) + "_" + Fnv(ifaceAlias + "::" + alias).ToString("x8");
        var generateHere = SymbolEqualityComparer.Default.Equals(iface.ContainingAssembly, _compilation.Assembly);
        return new GrainMethodModel(
            iface.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), ifaceAlias, method.Name, alias, kind, resultType, parameters,
            oneWay, HasAttribute(method, KnownNames.ReadOnlyAttribute), HasAttribute(method, KnownNames.AlwaysInterleaveAttribute),
            timeout, argumentsImmutable, resultSymbol is null || IsImmutable(resultSymbol), requestClass, generateHere,
            resultSymbol?.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat));
    }

    private static string DefaultMethodAlias(IMethodSymbol method) =>
        method.Name + "(" + string.Join(",", method.Parameters
            .Where(p => p.Type.ToDisplayString() != "System.Threading.CancellationToken")
            .Select(p => p.Type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(AliasFormat))) + ")";

    private static string InterfaceAlias(INamedTypeSymbol iface) =>
        AttributeString(iface, KnownNames.AliasAttribute) ?? iface.ToDisplayString();

    private string KeyKind(INamedTypeSymbol iface)
    {
        foreach (var i in new[] { iface }.Concat(iface.AllInterfaces))
        {
            switch (i.ToDisplayString())
            {
                case "ControlPlane.Runtime.IGrainWithGuidKey": return "Guid";
                case "ControlPlane.Runtime.IGrainWithIntegerKey": return "Integer";
                case "ControlPlane.Runtime.IGrainWithStringKey": return "String";
                case "ControlPlane.Runtime.IGrainWithGuidCompoundKey": return "GuidCompound";
                case "ControlPlane.Runtime.IGrainWithIntegerCompoundKey": return "IntegerCompound";
            }
        }

        return "None";
    }

    /// <summary>True for types whose values cannot change, so the runtime may pass them without a copy.</summary>
    private bool IsImmutable(ITypeSymbol type)
    {
        if (type.TypeKind == TypeKind.Enum)
        {
            return true;
        }

        switch (type.SpecialType)
        {
            case SpecialType.System_Boolean:
            case SpecialType.System_Char:
            case SpecialType.System_SByte:
            case SpecialType.System_Byte:
            case SpecialType.System_Int16:
            case SpecialType.System_UInt16:
            case SpecialType.System_Int32:
            case SpecialType.System_UInt32:
            case SpecialType.System_Int64:
            case SpecialType.System_UInt64:
            case SpecialType.System_Single:
            case SpecialType.System_Double:
            case SpecialType.System_Decimal:
            case SpecialType.System_String:
            case SpecialType.System_DateTime:
                return true;
        }

        if (HasAttribute(type, KnownNames.ImmutableAttribute))
        {
            return true;
        }

        if (type.TypeKind == TypeKind.Interface && _addressable is not null
            && type.AllInterfaces.Concat(new[] { (INamedTypeSymbol)type }).Any(i => SymbolEqualityComparer.Default.Equals(i, _addressable)))
        {
            return true; // grain references
        }

        if (type is INamedTypeSymbol named)
        {
            var name = named.ConstructedFrom.ToDisplayString();
            switch (name)
            {
                case "System.Guid":
                case "System.DateTimeOffset":
                case "System.TimeSpan":
                case "System.DateOnly":
                case "System.TimeOnly":
                case "System.Uri":
                case "System.Version":
                case KnownNames.GrainId:
                    return true;
                case "System.Nullable<T>":
                    return IsImmutable(named.TypeArguments[0]);
            }

            if (named.IsGenericType && named.ConstructedFrom.MetadataName == "Immutable`1"
                && named.ContainingNamespace.ToDisplayString() == "ControlPlane.Runtime")
            {
                return true;
            }

            if (named.ContainingNamespace?.ToDisplayString() == "System.Collections.Immutable" && named.Name.StartsWith("Immutable"))
            {
                return named.TypeArguments.All(IsImmutable);
            }
        }

        return false;
    }

    private static bool HasAttribute(ISymbol symbol, string fullName) =>
        symbol.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == fullName);

    private static string? AttributeString(ISymbol symbol, string fullName)
    {
        var attribute = symbol.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == fullName);
        return attribute is { ConstructorArguments.Length: > 0 } ? attribute.ConstructorArguments[0].Value as string : null;
    }

    public static string Sanitize(string name)
    {
        var chars = name.Select(c => char.IsLetterOrDigit(c) ? c : '_').ToArray();
        return new string(chars);
    }

    /// <summary>FNV-1a, 32 bits: stable across builds and machines, unlike string.GetHashCode.</summary>
    public static uint Fnv(string text)
    {
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
