namespace PxeKit.Cli.Doctor;

/// <summary>What the configuration given to the doctor says is wrong: errors serve would refuse to start with, and warnings.</summary>
internal sealed record ConfigProblems
{
    public List<string> Errors { get; } = [];

    public List<string> Warnings { get; } = [];
}
