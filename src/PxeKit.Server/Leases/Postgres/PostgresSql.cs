using Npgsql;
using NpgsqlTypes;

namespace PxeKit.Server.Leases.Postgres;

/// <summary>The parameters and batch commands the PostgreSQL stores build their statements from.</summary>
internal static class PostgresSql
{
    /// <summary>A text parameter; null is SQL NULL.</summary>
    public static NpgsqlParameter Text(string? value) =>
        new() { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)value ?? DBNull.Value };

    /// <summary>One statement of a batch, with its parameters ($1, $2, ... in order).</summary>
    public static NpgsqlBatchCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }
}
