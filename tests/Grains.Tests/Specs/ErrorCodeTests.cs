using System.Reflection;
using System.Text.RegularExpressions;
using ControlPlane.Grains.Abstractions.Errors;
using ControlPlane.Grains.Specs;
using Xunit;

namespace ControlPlane.Grains.Tests.Specs;

/// <summary>Error codes are constants, one per error type, unique, and never derived from a type's name.</summary>
public sealed partial class ErrorCodeTests
{
    [Fact]
    public void Every_spec_error_type_has_its_own_code_constant()
    {
        var types = typeof(SpecError).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(SpecError)) && !t.IsAbstract).ToList();
        Assert.NotEmpty(types);
        Assert.All(types, t => Assert.True(SpecErrorCodes.All.ContainsKey(t), $"{t.Name} has no entry in SpecErrorCodes"));
        Assert.Equal(SpecErrorCodes.All.Count, SpecErrorCodes.All.Values.Distinct(StringComparer.Ordinal).Count());
        Assert.All(SpecErrorCodes.All.Values, code => Assert.Matches(SnakeCase(), code));
    }

    [Fact]
    public void The_published_codes_do_not_change()
    {
        // A frozen sample of published codes: renaming the type must not change them.
        Assert.Equal("storage_backend_not_found", new StorageBackendNotFound("b", "d").Code);
        Assert.Equal("duplicate_key", SpecErrorCodes.Of(typeof(DuplicateKey)));
        Assert.Equal("soft_npu_p9_missing", SpecErrorCodes.SoftNpuP9Missing);
        Assert.Equal("backend_kind_mismatch", SpecErrorCodes.BackendKindMismatch);
        Assert.Throws<InvalidOperationException>(() => SpecErrorCodes.Of(typeof(string)));
    }

    [Fact]
    public void Every_domain_exception_code_is_a_constant_of_domain_error_codes()
    {
        var constants = typeof(DomainErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!).ToHashSet(StringComparer.Ordinal);
        var types = typeof(DomainException).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(DomainException)) && !t.IsAbstract).ToList();
        Assert.NotEmpty(types);
        foreach (var type in types)
        {
            var exception = (DomainException)System.Runtime.CompilerServices.RuntimeHelpers.GetUninitializedObject(type);
            Assert.Contains(exception.Code, constants);
        }
    }

    [GeneratedRegex("^[a-z0-9]+(_[a-z0-9]+)*$")]
    private static partial Regex SnakeCase();
}
