using System.Net;
using ControlPlane.Api.Listeners;
using ControlPlane.Api.Problems;
using ControlPlane.Api.Tests.Support;
using ControlPlane.Grains.Abstractions.Instances;
using ControlPlane.Grains.Abstractions.Sleds;
using ControlPlane.Grains.Abstractions.Specs;
using ControlPlane.Grains.Abstractions.Specs.Validation;
using Orleans.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace ControlPlane.Api.Tests.Problems;

/// <summary>Every exception becomes a problem document; unexpected ones a 500 that never carries the exception text.</summary>
public sealed class ExceptionMappingTests
{
    public static TheoryData<Exception, int, string> Cases() => new()
    {
        { new InstanceNotFoundException(Guid.NewGuid()), 404, ErrorCodes.NotFound },
        { new SledNotFoundException("no sled"), 404, ErrorCodes.NotFound },
        { new InstanceTransitionNotAllowedException(Guid.NewGuid(), InstanceOperation.Delete, InstanceRunState.Running), 409, ErrorCodes.InvalidState },
        { new InstanceNameInUseException("taken"), 409, ErrorCodes.ObjectAlreadyExists },
        { new NoSledCapacityException("full"), 409, ErrorCodes.InsufficientCapacity },
        { new InstanceUnreachableException("gone"), 503, ErrorCodes.ServiceUnavailable },
        { new InvalidInstanceRequestException("no"), 400, ErrorCodes.InvalidRequest },
        { new InvalidInstanceSpecException("bad spec"), 400, ErrorCodes.InvalidSpec },
        { new SiloUnavailableException("dead"), 503, ErrorCodes.ServiceUnavailable },
        { new GatewayTooBusyException(), 503, ErrorCodes.ServiceUnavailable },
        { new NoSledHostException(Guid.NewGuid()), 503, ErrorCodes.ServiceUnavailable },
        { new TimeoutException(), 504, ErrorCodes.Timeout },
        { new InvalidOperationException("password=hunter2"), 500, ErrorCodes.InternalError },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Exceptions_map_to_their_status_and_code(Exception exception, int status, string errorCode)
    {
        var problem = ExceptionProblems.From(exception, 1024);
        Assert.Equal(status, problem.Status);
        Assert.Equal(errorCode, problem.ErrorCode);
    }

    [Fact]
    public void A_spec_error_from_a_grain_names_the_component()
    {
        var errors = ValueList.From([new SpecValidationError { Code = "pci_path_in_use", Message = "0.16.0 is taken", Component = "nic0" }]);
        var problem = ExceptionProblems.From(new InvalidInstanceSpecException(errors), null);
        Assert.Equal(ErrorCodes.InvalidSpec, problem.ErrorCode);
        Assert.Equal("nic0", problem.Extensions["component"]);
        Assert.Equal("pci_path_in_use", problem.Extensions["spec_error"]);
    }

    [Fact]
    public async Task A_handler_that_throws_gets_a_500_problem_without_the_exception_text()
    {
        await using var scope = await GatewayHostScope.StartAsync(app =>
            app.MapGet("/test/throws", () => { throw new InvalidOperationException("secret-token-123"); }).OnListener(ApiListener.External));

        var response = await scope.Host.External.GetAsync("/test/throws");
        var problem = await Problem.AssertAsync(response, HttpStatusCode.InternalServerError, ErrorCodes.InternalError);
        Assert.DoesNotContain("secret-token-123", problem.ToString(), StringComparison.Ordinal);
        Assert.True(problem.TryGetProperty("trace_id", out _));
    }

    [Fact]
    public async Task Requests_after_the_silo_stopped_are_a_503_problem()
    {
        await using var scope = await GatewayHostScope.StartAsync();
        await scope.Host.App.Services.GetRequiredService<Orleans.Runtime.Silo>().StopAsync(CancellationToken.None);

        using var content = new StringContent(Support.Specs.Valid(), System.Text.Encoding.UTF8, "application/json");
        var response = await scope.Host.External.PostAsync("/v1/instance-specs/validate", content);
        await Problem.AssertAsync(response, HttpStatusCode.ServiceUnavailable, ErrorCodes.ServiceUnavailable);
    }
}
