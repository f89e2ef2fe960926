using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace AnnuaireFiliere.Core.Data;

/// <summary>Stores DateTime as UTC and reads it back with <see cref="DateTimeKind.Utc"/>.</summary>
internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    value => value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value,
    value => DateTime.SpecifyKind(value, DateTimeKind.Utc));
