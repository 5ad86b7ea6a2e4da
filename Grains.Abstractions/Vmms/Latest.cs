// The latest version of every sled VMM state type, as Omicron's latest.rs re-exports them ("business logic uses these
// re-exports"). Business logic and the grain contracts name these, never V1/V2; only versioned reads, the frozen legacy
// upcall and the conversions name a version. Adding version 3 changes its folder, its conversion and these lines.
// Compiled into this assembly and linked into Grains and Api (global usings do not cross assemblies).
global using MigrationRuntimeState = ControlPlane.Grains.Abstractions.Vmms.V1.MigrationRuntimeState;
global using MigrationState = ControlPlane.Grains.Abstractions.Vmms.V1.MigrationState;
global using SledVmmState = ControlPlane.Grains.Abstractions.Vmms.V2.SledVmmState;
global using VmmRuntimeState = ControlPlane.Grains.Abstractions.Vmms.V2.VmmRuntimeState;
global using VmmState = ControlPlane.Grains.Abstractions.Vmms.V1.VmmState;
