using System.Diagnostics;

namespace RightsExchange.Chaos;

/// <summary>One fault of the run: when (from the start of the load), what, and how long the part stays down.</summary>
public sealed record Fault(TimeSpan At, string Kind, string Service, int Instance, TimeSpan Down)
{
    /// <summary>What the fault does, in a few words.</summary>
    public string What =>
        Kind switch
        {
            Faults.Kill => $"kill -9 {Service} {Instance}, restarted {Down.TotalSeconds:0.0} s later",
            Faults.RabbitMq => "RabbitMQ restarted (queues and messages kept)",
            _ => "PostgreSQL restarted (pg_ctl restart -m immediate)",
        };

    public override string ToString() => $"{At.TotalSeconds, 6:0.0} s  {What}";
}

/// <summary>
/// The run's faults on a schedule drawn from a seed (the same seed, the same schedule): every service instance killed
/// with <c>kill -9</c> and restarted by <c>deploy/services.sh</c>, RabbitMQ restarted with its queues, PostgreSQL
/// restarted as if it had crashed (<c>deploy/servers.sh</c>). The faults are spread evenly over the load, in a shuffled
/// order, one at a time.
/// </summary>
public sealed class Faults(string repository, TextWriter log)
{
    public const string Kill = "kill";
    public const string RabbitMq = "rabbitmq";
    public const string PostgreSql = "postgresql";
    public static readonly string[] Services = ["Gateway", "Accounts", "Matching", "Settlement"];

    /// <summary>The schedule: <paramref name="kills"/> kills of each service (instances taken in turn), then the server restarts.</summary>
    public static IReadOnlyList<Fault> Schedule(
        Random random,
        TimeSpan duration,
        int kills,
        int instances,
        int rabbitRestarts,
        int postgresRestarts
    )
    {
        var faults = new List<(string Kind, string Service, int Instance)>();
        foreach (var service in Services)
            for (var k = 0; k < kills; k++)
                faults.Add((Kill, service, k % instances + 1));
        for (var r = 0; r < rabbitRestarts; r++)
            faults.Add((RabbitMq, "", 0));
        for (var p = 0; p < postgresRestarts; p++)
            faults.Add((PostgreSql, "", 0));
        var shuffled = faults.OrderBy(_ => random.Next()).ToList();
        var spacing = duration / (shuffled.Count + 1);
        return shuffled
            .Select(
                (f, i) => new Fault(spacing * (i + 1), f.Kind, f.Service, f.Instance, TimeSpan.FromSeconds(1 + random.NextDouble() * 4))
            )
            .ToList();
    }

    /// <summary>Injects each fault at its time (or as soon as the one before it is over).</summary>
    public async Task Inject(IReadOnlyList<Fault> schedule)
    {
        var started = Stopwatch.GetTimestamp();
        foreach (var fault in schedule)
        {
            var wait = fault.At - Stopwatch.GetElapsedTime(started);
            if (wait > TimeSpan.Zero)
                await Task.Delay(wait);
            log.WriteLine($"[fault] {Stopwatch.GetElapsedTime(started).TotalSeconds, 6:0.0} s  {fault.What}");
            switch (fault.Kind)
            {
                case Kill:
                    await Shell($"deploy/services.sh kill {fault.Service} {fault.Instance}");
                    await Task.Delay(fault.Down);
                    await Shell($"deploy/services.sh start-one {fault.Service} {fault.Instance}");
                    break;
                case RabbitMq:
                    await Shell("deploy/servers.sh restart-rabbitmq");
                    break;
                default:
                    await Shell("deploy/servers.sh restart-postgres");
                    break;
            }
        }
    }

    private async Task Shell(string command)
    {
        using var process = Process.Start(
            new ProcessStartInfo("bash", command)
            {
                WorkingDirectory = repository,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            }
        )!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"'{command}' failed ({process.ExitCode}): {await errors}{await output}");
        // What the scripts did to recover (a stalled broker killed and started again) belongs in the run's report.
        foreach (var line in (await errors).Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.Contains("stalled")))
            log.WriteLine($"        {line}");
    }
}
