using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Npgsql;

namespace RightsExchange.Load;

/// <summary>
/// What a run costs, read before and after it from the servers' own counters: PostgreSQL's <c>pg_stat_database</c>
/// (commits, rows) and <c>pg_stat_wal</c> (WAL bytes, records, syncs), RabbitMQ's virtual-host message statistics
/// (management API: publishes, deliveries) and the CPU time of every process of the system from <c>/proc/PID/stat</c>.
/// The differences, divided by the orders sent, make the cost-per-order table.
/// </summary>
public sealed class CostProbe(string postgres, Uri rabbitManagement, string virtualHost, string stateDirectory)
{
    private static readonly string[] Services = ["Gateway", "Accounts", "Matching", "Settlement"];
    private readonly HttpClient _rabbit = RabbitClient(rabbitManagement);

    /// <summary>Reads every counter. A server that does not answer leaves its counters out (the table says so).</summary>
    public async Task<Counters> Read()
    {
        var values = new Dictionary<string, double>();
        try
        {
            await using var connection = new NpgsqlConnection(postgres);
            await connection.OpenAsync();
            const string database =
                "select xact_commit, tup_inserted, tup_updated, tup_fetched from pg_stat_database where datname = current_database()";
            await using (var db = new NpgsqlCommand(database, connection))
            await using (var row = await db.ExecuteReaderAsync())
            {
                await row.ReadAsync();
                values["commits"] = row.GetInt64(0);
                values["rows inserted"] = row.GetInt64(1);
                values["rows updated"] = row.GetInt64(2);
                values["rows fetched"] = row.GetInt64(3);
            }
            await using var wal = new NpgsqlCommand("select wal_bytes, wal_records, wal_sync from pg_stat_wal", connection);
            await using var walRow = await wal.ExecuteReaderAsync();
            await walRow.ReadAsync();
            values["WAL bytes"] = (double)walRow.GetDecimal(0);
            values["WAL records"] = walRow.GetInt64(1);
            values["WAL syncs"] = walRow.GetInt64(2);
        }
        catch (NpgsqlException ex)
        {
            Console.Error.WriteLine($"PostgreSQL counters unavailable: {ex.Message}");
        }
        try
        {
            var vhost = await _rabbit.GetFromJsonAsync<JsonElement>($"api/vhosts/{Uri.EscapeDataString(virtualHost)}");
            if (vhost.TryGetProperty("message_stats", out var stats))
            {
                values["broker publishes"] = Count(stats, "publish");
                values["broker deliveries"] = Count(stats, "deliver_get");
            }
        }
        catch (HttpRequestException ex)
        {
            Console.Error.WriteLine($"RabbitMQ counters unavailable: {ex.Message}");
        }
        foreach (var (name, seconds) in CpuSeconds())
            values[$"CPU {name}"] = seconds;
        return new Counters(values);
    }

    private static double Count(JsonElement stats, string name) => stats.TryGetProperty(name, out var v) ? v.GetDouble() : 0;

    /// <summary>CPU seconds (user + system) of the four services, PostgreSQL, RabbitMQ and this process.</summary>
    private IEnumerable<(string Name, double Seconds)> CpuSeconds()
    {
        var perProcess = new Dictionary<string, double>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            var pid = Path.GetFileName(dir);
            if (!int.TryParse(pid, out _))
                continue;
            var owner = Owner(dir);
            if (owner is null)
                continue;
            var ticks = Ticks(dir);
            if (ticks is null)
                continue;
            perProcess[owner] = perProcess.GetValueOrDefault(owner) + ticks.Value / 100.0;
        }
        perProcess["load generator"] = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
        return perProcess.Select(p => (p.Key, p.Value));
    }

    /// <summary>Which part of the system a process is: a service (by its pid file or command line), PostgreSQL, RabbitMQ.</summary>
    private string? Owner(string dir)
    {
        string comm,
            cmdline;
        try
        {
            comm = File.ReadAllText(Path.Combine(dir, "comm")).Trim();
            cmdline = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
        }
        catch (IOException)
        {
            return null;
        }
        if (comm == "postgres")
            return "PostgreSQL";
        if (comm.StartsWith("beam", StringComparison.Ordinal) || comm is "erl_child_setup" or "epmd")
            return "RabbitMQ";
        foreach (var service in Services)
        {
            if (cmdline.Contains($"RightsExchange.{service}.dll", StringComparison.Ordinal))
                return service;
            var pidFile = Path.Combine(stateDirectory, $"{service}.pid");
            if (File.Exists(pidFile) && File.ReadAllText(pidFile).Trim() == Path.GetFileName(dir))
                return service;
        }
        return null;
    }

    /// <summary>utime + stime of a process, in clock ticks (USER_HZ, 100 on Linux), from fields 14 and 15 of its stat.</summary>
    private static long? Ticks(string dir)
    {
        try
        {
            var stat = File.ReadAllText(Path.Combine(dir, "stat"));
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[11]) + long.Parse(fields[12]);
        }
        catch (Exception ex) when (ex is IOException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    private static HttpClient RabbitClient(Uri management)
    {
        var client = new HttpClient { BaseAddress = management, Timeout = TimeSpan.FromSeconds(10) };
        var credentials = management.UserInfo.Length > 0 ? Uri.UnescapeDataString(management.UserInfo) : "guest:guest";
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", basic);
        return client;
    }
}

/// <summary>A reading of every counter <see cref="CostProbe"/> knows, by name (CPU in seconds, WAL in bytes).</summary>
public sealed record Counters(IReadOnlyDictionary<string, double> Values)
{
    /// <summary>Prints what each order (or each <paramref name="what"/>) cost between <paramref name="before"/> and this reading.</summary>
    public void PrintPerOrder(Counters before, int orders, TextWriter output, string what = "order")
    {
        if (orders == 0)
            return;
        output.WriteLine($"cost per {what} ({orders:N0} {what}s; counters are system-wide, so other work on the servers counts too)");
        foreach (var (name, after) in Values.OrderBy(v => v.Key.StartsWith("CPU", StringComparison.Ordinal)).ThenBy(v => v.Key))
        {
            if (!before.Values.TryGetValue(name, out var start))
                continue;
            var per = (after - start) / orders;
            var shown = name switch
            {
                _ when name.StartsWith("CPU", StringComparison.Ordinal) => $"{per * 1000:0.00} ms",
                "WAL bytes" => $"{per / 1024:0.00} KB",
                _ => $"{per:0.00}",
            };
            output.WriteLine($"  {name, -24} {shown}");
        }
    }
}
