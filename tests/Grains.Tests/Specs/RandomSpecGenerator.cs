using System.Text.Json.Nodes;
using static ControlPlane.Grains.Tests.Specs.SpecJson;

namespace ControlPlane.Grains.Tests.Specs;

/// <summary>Generates valid wire specs (as JSON) from a seeded <see cref="Random"/>: every component kind, names and UUID keys in several spellings.</summary>
internal sealed class RandomSpecGenerator(Random random)
{
    private readonly HashSet<int> usedDevices = [];

    /// <summary>A valid spec; <paramref name="optionalFamilies"/> allows SoftNPU and the failure injector.</summary>
    public JsonObject Next(bool optionalFamilies)
    {
        usedDevices.Clear();
        usedDevices.Add(0);
        usedDevices.Add(1);
        var components = new JsonObject();
        var board = new JsonObject
        {
            ["cpus"] = random.Next(1, 65),
            ["memory_mb"] = random.Next(1, 1 << 16),
            ["chipset"] = new JsonObject { ["type"] = "i440_fx", ["value"] = new JsonObject { ["enable_pcie"] = random.Next(2) == 0 } },
        };
        if (random.Next(3) == 0)
        {
            board["guest_hv_interface"] = random.Next(2) == 0
                ? new JsonObject { ["type"] = "bhyve" }
                : new JsonObject { ["type"] = "hyper_v", ["value"] = new JsonObject { ["features"] = new JsonArray("reference_tsc") } };
        }

        if (random.Next(2) == 0)
        {
            var leaves = new List<(long, long?)> { (0, null), (1, null) };
            for (var subleaf = 0; subleaf < random.Next(0, 3); subleaf++)
            {
                leaves.Add((7, subleaf));
            }

            leaves.Add((0x8000_0000 + random.Next(0, 4), null));
            board["cpuid"] = Cpuid(random.Next(2) == 0 ? "amd" : "intel", [.. leaves.OrderBy(_ => random.Next())]);
        }

        var bootable = new List<string>();
        for (var i = random.Next(0, 5); i > 0; i--)
        {
            var device = Key("disk");
            var backend = Key("disk-be");
            var slot = FreeDevice();
            components[device] = random.Next(2) == 0 ? VirtioDisk(backend, slot) : NvmeDisk(backend, slot);
            components[backend] = random.Next(3) switch
            {
                0 => FileBackend($"/disks/{random.Next(1000)}.raw"),
                1 => CrucibleBackend($$"""{"type":"volume","id":"{{NewGuid()}}","block_size":512}"""),
                _ => BlobBackend(Convert.ToBase64String(Bytes(random.Next(0, 12)))),
            };
            bootable.Add(device);
        }

        if (random.Next(3) == 0)
        {
            var bus = random.Next(1, 8);
            components[Key("bridge")] = Bridge(bus, 0, FreeDevice());
            var device = Key("disk");
            var backend = Key("disk-be");
            components[device] = VirtioDisk(backend, random.Next(0, 32), bus);
            components[backend] = FileBackend();
        }

        for (var i = random.Next(0, 4); i > 0; i--)
        {
            var backend = Key("nic-be");
            components[Key("nic")] = VirtioNic(backend, FreeDevice(), NewGuid().ToString(random.Next(2) == 0 ? "D" : "N"));
            components[backend] = Viona($"vnic{random.Next(100)}");
        }

        foreach (var port in new[] { "com1", "com2", "com3" }.Where(_ => random.Next(2) == 0))
        {
            components[Key(port)] = Serial(port);
        }

        if (random.Next(2) == 0)
        {
            components[Key("pvpanic")] = Pvpanic(random.Next(2) == 0);
        }

        if (random.Next(2) == 0)
        {
            components[Key("boot")] = Boot([.. bootable.Where(_ => random.Next(2) == 0)]);
        }

        if (random.Next(3) == 0)
        {
            components[Key("vsock")] = Vsock(random.Next(3, int.MaxValue), FreeDevice());
        }

        if (optionalFamilies && random.Next(2) == 0)
        {
            components[Key("npu")] = SoftNpuPciPort(FreeDevice());
            components[Key("npu-p9")] = SoftNpuP9(FreeDevice());
            var backend = Key("port-be");
            components[Key("port")] = SoftNpuPort(backend, $"sc0_{random.Next(8)}");
            components[backend] = Dlpi();
        }
        else if (random.Next(4) == 0)
        {
            components[Key("com4")] = Serial("com4");
        }

        if (optionalFamilies && random.Next(2) == 0)
        {
            components[Key("inject")] = Injector(random.Next(3), random.Next(3));
        }

        var spec = new JsonObject { ["board"] = board, ["components"] = components };
        if (random.Next(2) == 0)
        {
            spec["smbios"] = new JsonObject { ["manufacturer"] = "Oxide", ["product_name"] = "Gimlet", ["serial_number"] = $"SN{random.Next(100)}", ["version"] = random.Next() };
        }

        return spec;
    }

    /// <summary>A unique key: a name, or a UUID in one of the spellings Propolis accepts.</summary>
    private string Key(string prefix) => random.Next(5) switch
    {
        0 => NewGuid().ToString("D"),
        1 => NewGuid().ToString("D").ToUpperInvariant(),
        2 => NewGuid().ToString("B"),
        _ => $"{prefix}-{NewGuid().ToString("N")[..8]}",
    };

    private Guid NewGuid() => new(Bytes(16));

    private int FreeDevice()
    {
        int device;
        do
        {
            device = random.Next(2, 32);
        }
        while (!usedDevices.Add(device));
        return device;
    }

    private byte[] Bytes(int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }
}
