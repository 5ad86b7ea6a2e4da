using System.Net.Http.Json;
using System.Text.Json;

namespace ControlPlane.Api.Tests.Support;

/// <summary>Polls a JSON resource until a condition holds; the deadline bounds liveness, it is not a timing assertion.</summary>
public static class Poll
{
    public static async Task<JsonElement> UntilAsync(HttpClient client, string path, Func<JsonElement, bool> condition, string what, TimeSpan? deadline = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(condition);
        using var cts = new CancellationTokenSource(deadline ?? TimeSpan.FromSeconds(60));
        JsonElement last = default;
        try
        {
            while (true)
            {
                last = await client.GetFromJsonAsync<JsonElement>(path, cts.Token);
                if (condition(last))
                {
                    return last;
                }

                await Task.Delay(50, cts.Token);
            }
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            throw new TimeoutException($"{path} never reached: {what}. Last: {last}");
        }
    }
}
