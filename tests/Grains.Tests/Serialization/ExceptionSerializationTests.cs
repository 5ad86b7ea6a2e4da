using ControlPlane.Grains.Abstractions.Errors;
using ControlPlane.Grains.Abstractions.Instances;
using ControlPlane.Grains.Abstractions.Sleds;
using ControlPlane.Grains.Abstractions.Specs;
using ControlPlane.Grains.Abstractions.Specs.Validation;
using ControlPlane.Grains.Abstractions.Vmms;
using Xunit;

namespace ControlPlane.Grains.Tests.Serialization;

/// <summary>
/// Every domain exception reaches the caller as its own type with its message and its own data. A grain's
/// response carries the exception in a field typed <see cref="Exception"/>, so that is how these are written.
/// </summary>
public sealed class ExceptionSerializationTests
{
    private static readonly Guid Id = WireSamples.InstanceId;

    private static readonly ValueList<SpecValidationError> SpecErrors = WireSamples.Errors;

    /// <summary>One instance of every concrete domain exception, with a check of its own members.</summary>
    private static readonly IReadOnlyDictionary<string, (DomainException Exception, Action<DomainException> Check)> Samples =
        new Dictionary<string, (DomainException, Action<DomainException>)>
        {
            ["InstanceNameInUseException"] = (new InstanceNameInUseException("Instance name 'web' is in use."), _ => { }),
            ["InstanceNotFoundException"] = (new InstanceNotFoundException(Id), e => Assert.Equal(Id, ((InstanceNotFoundException)e).InstanceId)),
            ["InstanceNotFoundException.message"] = (new InstanceNotFoundException("gone"), e => Assert.Equal(Guid.Empty, ((InstanceNotFoundException)e).InstanceId)),
            ["InstanceTransitionNotAllowedException"] = (
                new InstanceTransitionNotAllowedException(Id, InstanceOperation.Reboot, InstanceRunState.Stopping, "no VMM"),
                e =>
                {
                    var t = (InstanceTransitionNotAllowedException)e;
                    Assert.Equal((Id, InstanceOperation.Reboot, InstanceRunState.Stopping), (t.InstanceId, t.Operation, t.RunState));
                }),
            ["InstanceUnreachableException"] = (new InstanceUnreachableException("The VMM is gone."), _ => { }),
            ["InvalidInstanceRequestException"] = (new InvalidInstanceRequestException("Already on that sled."), _ => { }),
            ["InvalidInstanceSpecException"] = (new InvalidInstanceSpecException(SpecErrors), e => Assert.Equal(SpecErrors, ((InvalidInstanceSpecException)e).Errors)),
            ["InvalidInstanceSpecException.message"] = (new InvalidInstanceSpecException("bad"), e => Assert.Empty(((InvalidInstanceSpecException)e).Errors)),
            ["NoSledCapacityException"] = (new NoSledCapacityException("No sled has 64 CPUs free."), _ => { }),
            ["SledNotFoundException"] = (new SledNotFoundException("Sled x not found."), _ => { }),
            ["NoSledHostException"] = (new NoSledHostException(WireSamples.SledId), e => Assert.Equal(WireSamples.SledId, ((NoSledHostException)e).SledId)),
            ["NoSuchVmmException"] = (new NoSuchVmmException("No such VMM."), _ => { }),
            ["VmmRequestRefusedException"] = (new VmmRequestRefusedException("Cannot reboot while starting."), _ => { }),
        };

    public static TheoryData<string> Names => new(Samples.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public void Round_trips_as_exception_keeping_type_message_code_and_data(string name)
    {
        var (sample, check) = Samples[name];
        var bytes = OrleansWire.Serializer.SerializeToArray<Exception>(sample);
        AssertSame(sample, OrleansWire.Serializer.Deserialize<Exception>(bytes)!, check);
        // The type travels by alias, so the caller gets it back (a type Orleans cannot resolve would arrive as a fallback exception).
        Assert.DoesNotContain("ControlPlane.Grains", System.Text.Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Round_trips_as_its_own_type(string name)
    {
        var (sample, check) = Samples[name];
        var copy = (Exception)typeof(OrleansWire).GetMethod(nameof(OrleansWire.RoundTrip))!.MakeGenericMethod(sample.GetType()).Invoke(null, [sample])!;
        AssertSame(sample, copy, check);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Deep_copies_keeping_type_message_code_and_data(string name)
    {
        var (sample, check) = Samples[name];
        var copy = OrleansWire.Copier.Copy<Exception>(sample);
        AssertSame(sample, copy!, check);
    }

    [Fact]
    public void A_thrown_exception_keeps_its_stack_trace_text()
    {
        Action place = () => throw new NoSledHostException(WireSamples.SledId);
        var thrown = Assert.Throws<NoSledHostException>(place);
        var copy = OrleansWire.RoundTrip<Exception>(thrown);
        Assert.IsType<NoSledHostException>(copy);
        Assert.Contains(nameof(A_thrown_exception_keeps_its_stack_trace_text), copy.StackTrace, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_concrete_domain_exception_has_a_sample()
    {
        var sampled = Samples.Values.Select(s => s.Exception.GetType()).ToHashSet();
        var missing = typeof(DomainException).Assembly.GetTypes()
            .Where(t => typeof(DomainException).IsAssignableFrom(t) && !t.IsAbstract && !sampled.Contains(t))
            .Select(t => t.FullName);
        Assert.Empty(missing);
    }

    [Fact]
    public void No_sled_host_is_an_unavailable_error_named_sled_unreachable()
    {
        var e = new NoSledHostException(WireSamples.SledId);
        Assert.IsAssignableFrom<UnavailableException>(e);
        Assert.Equal("sled_unreachable", e.Code);
        Assert.Contains(WireSamples.SledId.ToString(), e.Message, StringComparison.Ordinal);
    }

    private static void AssertSame(DomainException sample, Exception copy, Action<DomainException> check)
    {
        Assert.IsType(sample.GetType(), copy);
        var domain = (DomainException)copy;
        Assert.Equal(sample.Message, domain.Message);
        Assert.Equal(sample.Code, domain.Code);
        check(domain);
    }
}
