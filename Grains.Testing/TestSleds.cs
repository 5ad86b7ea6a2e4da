namespace ControlPlane.Grains.Testing;

/// <summary>The two sleds a control-plane test cluster hosts unless told otherwise (16 CPUs and 64 GiB each).</summary>
public static class TestSleds
{
    public static readonly Guid A = Guid.Parse("00000000-0000-0000-0000-00000000000a");

    public static readonly Guid B = Guid.Parse("00000000-0000-0000-0000-00000000000b");
}
