// The latest version of every wire spec type (Propolis API version 6), as Omicron's and Propolis' latest.rs re-export
// them. Grains' spec logic names these, never V1/V3/V6. Not compiled into this assembly (its reader, writer and
// conversions name versions on purpose, and these names would shadow V1's there); linked into Grains and Api.
// Adding version 7 changes its folder, its conversion and these lines.
global using Board = ControlPlane.Grains.Abstractions.Specs.V1.Board;
global using BlobStorageBackend = ControlPlane.Grains.Abstractions.Specs.V1.BlobStorageBackend;
global using BootOrderEntry = ControlPlane.Grains.Abstractions.Specs.V1.BootOrderEntry;
global using BootSettings = ControlPlane.Grains.Abstractions.Specs.V1.BootSettings;
global using Cpuid = ControlPlane.Grains.Abstractions.Specs.V1.Cpuid;
global using CpuidEntry = ControlPlane.Grains.Abstractions.Specs.V1.CpuidEntry;
global using CpuidVendor = ControlPlane.Grains.Abstractions.Specs.V1.CpuidVendor;
global using CrucibleStorageBackend = ControlPlane.Grains.Abstractions.Specs.V1.CrucibleStorageBackend;
global using DlpiNetworkBackend = ControlPlane.Grains.Abstractions.Specs.V1.DlpiNetworkBackend;
global using FileBackendWorkers = ControlPlane.Grains.Abstractions.Specs.V1.FileBackendWorkers;
global using FileStorageBackend = ControlPlane.Grains.Abstractions.Specs.V1.FileStorageBackend;
global using GuestHypervisorInterface = ControlPlane.Grains.Abstractions.Specs.V1.GuestHypervisorInterface;
global using HyperVFeatureFlag = ControlPlane.Grains.Abstractions.Specs.V1.HyperVFeatureFlag;
global using I440Fx = ControlPlane.Grains.Abstractions.Specs.V1.I440Fx;
global using IComponent = ControlPlane.Grains.Abstractions.Specs.V6.IComponent;
global using InstanceSpec = ControlPlane.Grains.Abstractions.Specs.V6.InstanceSpec;
global using MigrationFailureInjector = ControlPlane.Grains.Abstractions.Specs.V1.MigrationFailureInjector;
global using NvmeDisk = ControlPlane.Grains.Abstractions.Specs.V6.NvmeDisk;
global using NvmeSerialNumber = ControlPlane.Grains.Abstractions.Specs.V1.NvmeSerialNumber;
global using P9fs = ControlPlane.Grains.Abstractions.Specs.V1.P9fs;
global using PciPciBridge = ControlPlane.Grains.Abstractions.Specs.V1.PciPciBridge;
global using QemuPvpanic = ControlPlane.Grains.Abstractions.Specs.V1.QemuPvpanic;
global using ReplacementComponent = ControlPlane.Grains.Abstractions.Specs.V1.ReplacementComponent;
global using SerialPort = ControlPlane.Grains.Abstractions.Specs.V1.SerialPort;
global using SerialPortNumber = ControlPlane.Grains.Abstractions.Specs.V1.SerialPortNumber;
global using SmbiosType1Input = ControlPlane.Grains.Abstractions.Specs.V2.SmbiosType1Input;
global using SoftNpuP9 = ControlPlane.Grains.Abstractions.Specs.V1.SoftNpuP9;
global using SoftNpuPciPort = ControlPlane.Grains.Abstractions.Specs.V1.SoftNpuPciPort;
global using SoftNpuPort = ControlPlane.Grains.Abstractions.Specs.V1.SoftNpuPort;
global using VirtioDisk = ControlPlane.Grains.Abstractions.Specs.V1.VirtioDisk;
global using VirtioNetworkBackend = ControlPlane.Grains.Abstractions.Specs.V1.VirtioNetworkBackend;
global using VirtioNic = ControlPlane.Grains.Abstractions.Specs.V1.VirtioNic;
global using VirtioSocket = ControlPlane.Grains.Abstractions.Specs.V3.VirtioSocket;
