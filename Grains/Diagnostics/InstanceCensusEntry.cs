using ControlPlane.Grains.Abstractions.Vmms;
using ControlPlane.Grains.Instances;

namespace ControlPlane.Grains.Diagnostics;

/// <summary>
/// An instance as its activation last saw it: the record and its active VMM's view at that time. The run state is
/// derived when the gauge is read, from the VMM's own census entry when that VMM lives in this process (so it is
/// current) and from <paramref name="ActiveVmm"/> otherwise.
/// </summary>
public sealed record InstanceCensusEntry(InstanceRecord Record, VmmView? ActiveVmm);
