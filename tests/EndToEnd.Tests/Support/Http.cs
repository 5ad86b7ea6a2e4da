namespace ControlPlane.EndToEnd.Tests.Support;

/// <summary>Waiting for a process to answer HTTP: polls until a 200 or the deadline (a liveness bound, not a timing assertion).</summary>
public static class Http
{
    public static async Task WaitUntilOkAsync(HttpClient client, string path, ChildProcess process, TimeSpan deadline)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(process);
        using var cts = new CancellationTokenSource(deadline);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The process exited with {process.ExitCode} before answering {path}:\n{await process.FinalOutputAsync()}");
            }

            try
            {
                using var response = await client.GetAsync(path, cts.Token);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (OperationCanceledException) when (cts.IsCancellationRequested)
            {
                throw new TimeoutException($"{path} did not answer 200 within {deadline}:\n{process.Output}");
            }

            try
            {
                await Task.Delay(100, cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"{path} did not answer 200 within {deadline}:\n{process.Output}");
            }
        }
    }
}
