namespace ControlPlane.Grains.Hosting;

/// <summary>A silo or gateway cannot start as configured; the message is one line that names the setting at fault.</summary>
public sealed class StartupRefusedException : Exception
{
    public StartupRefusedException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    public StartupRefusedException()
    {
    }

    public StartupRefusedException(string message)
        : base(message)
    {
    }
}
