using System.Diagnostics;

namespace ControlPlane.Benchmarks;

/// <summary>Starts a benchmark's child process with its stdout and stderr copied, line by line, into one log file.</summary>
public static class LoggedProcess
{
    public static (Process Process, StreamWriter Log) Start(ProcessStartInfo start, string logFile)
    {
        ArgumentNullException.ThrowIfNull(start);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        var log = new StreamWriter(logFile) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start.");
        void Write(string? line)
        {
            if (line is not null)
            {
                lock (log)
                {
                    log.WriteLine(line);
                }
            }
        }

        process.OutputDataReceived += (_, e) => Write(e.Data);
        process.ErrorDataReceived += (_, e) => Write(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return (process, log);
    }
}
