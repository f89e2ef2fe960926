using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace AnnuaireFiliere.Core.Data;

/// <summary>
/// Stores DateTime as UTC and reads it back with <see cref="DateTimeKind.Utc"/>. An unspecified kind is taken as UTC
/// (PostgreSQL's <c>timestamp with time zone</c> refuses anything else).
/// </summary>
internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    value => value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : DateTime.SpecifyKind(value, DateTimeKind.Utc),
    value => DateTime.SpecifyKind(value, DateTimeKind.Utc));
