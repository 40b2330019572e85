namespace L7Gate.Configuration.Schema;

/// <summary>
/// <c>L7Gate --write-schema FILE</c>: writes the config file's JSON Schema (<see cref="ConfigSchemaGenerator"/>) and
/// exits; how <c>appsettings/l7gate.schema.json</c> is regenerated after a section or key is added.
/// </summary>
public static class ConfigSchemaCommand
{
    private const string Switch = "--write-schema";

    /// <summary>True when the command line asks for the schema.</summary>
    public static bool IsRequested(string[] args) => args.Length > 0 && args[0] == Switch;

    /// <summary>Writes the schema to the file named after the switch (stdout when none); returns the exit code.</summary>
    public static int Run(string[] args)
    {
        var text = ConfigSchemaGenerator.ToText();
        if (args.Length < 2)
        {
            Console.Out.Write(text);
            return 0;
        }

        File.WriteAllText(args[1], text);
        Console.Out.WriteLine($"L7Gate: config schema written to {args[1]}");
        return 0;
    }
}
