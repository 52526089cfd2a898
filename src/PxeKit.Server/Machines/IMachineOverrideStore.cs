namespace PxeKit.Server.Machines;

/// <summary>Where the operator's per-machine settings are kept (beside the boot-once marks, in the lease database).</summary>
public interface IMachineOverrideStore
{
    /// <summary>Every machine's settings.</summary>
    IReadOnlyList<MachineOverride> LoadAll();

    /// <summary>The settings of <paramref name="mac"/> (canonical), or null.</summary>
    MachineOverride? Find(string mac);

    /// <summary>Stores the settings of the machine, over what it had; returns once stored.</summary>
    void Save(MachineOverride machine);

    /// <summary>Forgets the machine's settings; returns once stored.</summary>
    void Delete(string mac);
}
