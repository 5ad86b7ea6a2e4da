using System.Net.Http.Json;
using System.Text.Json;

namespace ControlPlane.EndToEnd.Tests.Support;

/// <summary>Polls a JSON resource until a condition holds; the deadline bounds liveness, it is not a timing assertion.</summary>
public static class Poll
{
    public static async Task<JsonElement> UntilAsync(HttpClient client, string path, Func<JsonElement, bool> condition, string what, TimeSpan deadline, Func<string>? diagnostics = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(condition);
        using var cts = new CancellationTokenSource(deadline);
        JsonElement last = default;
        while (true)
        {
            try
            {
                using var response = await client.GetAsync(path, cts.Token);
                if (response.IsSuccessStatusCode)
                {
                    last = await response.Content.ReadFromJsonAsync<JsonElement>(cts.Token);
                    if (condition(last))
                    {
                        return last;
                    }
                }

                await Task.Delay(100, cts.Token);
            }
            catch (Exception ex) when (cts.IsCancellationRequested && ex is OperationCanceledException or HttpRequestException)
            {
                throw new TimeoutException($"{path} never reached: {what}. Last: {last}\n{diagnostics?.Invoke()}");
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100, cts.Token);
            }
        }
    }
}
