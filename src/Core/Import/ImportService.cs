using System.Globalization;
using System.Text.Json;
using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Core.Taxonomy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AnnuaireFiliere.Core.Import;

/// <summary>
/// Imports companies from the project's template (CSV or XLSX) or from the register's extract "entreprises
/// actives au RIDET" (see docs/IMPORT.md). Stream in, report out: a bad row is reported and the others go on;
/// a file that cannot be read gives <see cref="ImportReport.FileError"/>. Idempotent by RIDET; a field is
/// overwritten only while it still holds the value the last import wrote (<see cref="Company.ImportedValues"/>).
/// New companies are published and unclaimed (no member account); what is saved goes through
/// <see cref="CompanyLifecycle.ImportAsync"/>, which writes the history (both on the scope's one <see cref="AppDbContext"/>,
/// which tracks the updated companies between them).
/// </summary>
public sealed class ImportService(AppDbContext db, TaxonomyCatalog taxonomy, CompanyValidator validator, CompanyLifecycle lifecycle,
    IOptions<ImportLimitsOptions>? limits = null)
{
    private readonly ImportLimitsOptions _limits = limits?.Value ?? new();
    private readonly ImportRowMapper _mapper = new(taxonomy, limits?.Value ?? new());

    public async Task<ImportReport> ImportAsync(Stream content, string? fileName, ImportOptions options,
        IProgress<int>? rowsDone = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(options);
        var report = new ImportReport { DryRun = options.DryRun };
        Stream? copy = null;
        try
        {
            if (!content.CanSeek)
            {
                copy = new FileStream(Path.GetTempFileName(), FileMode.Open, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
                await content.CopyToAsync(copy, cancellationToken);
                copy.Position = 0;
            }
            var table = ImportTable.Open(copy ?? content, fileName, _limits);
            report.Format = DetectFormat(table.Headers, options.Format);
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            var batch = new List<(ImportRow Row, MappedRow Mapped)>(options.BatchSize);
            foreach (var row in table.Rows)
            {
                var mapped = row.TooLong is var (column, length)
                        ? MappedRow.Refuse(row["raison_sociale"] ?? row["denomination"], Format(ImportMessages.CellTooLong, ImportText.Cut(column, _limits.MaxEchoedLength)!, _limits.MaxCellLength, length))
                    : report.Format == ImportFormat.Ridet ? _mapper.MapRegister(row)
                    : _mapper.MapGabarit(row, table.Headers);
                mapped = mapped with { Name = ImportText.Cut(mapped.Name, _limits.MaxEchoedLength) };
                if (mapped.Ridet is { } ridet && !seen.TryAdd(ridet.Rid, row.Number))
                {
                    mapped = MappedRow.Refuse(mapped.Name, Format(ImportMessages.DuplicateRow, ridet.Rid, seen[ridet.Rid]));
                }
                batch.Add((row, mapped));
                if (batch.Count >= options.BatchSize)
                {
                    await WriteBatchAsync(batch, options, fileName, report, cancellationToken);
                    rowsDone?.Report(report.Rows.Count);
                    batch.Clear();
                }
            }
            await WriteBatchAsync(batch, options, fileName, report, cancellationToken);
            rowsDone?.Report(report.Rows.Count);
        }
        catch (ImportFileException refused)
        {
            report.FileError = refused.Message;
        }
        finally
        {
            if (copy is not null)
            {
                await copy.DisposeAsync();
            }
        }
        return report;
    }

    private static ImportFormat DetectFormat(IReadOnlyList<string> headers, ImportFormat wanted)
    {
        var format = wanted != ImportFormat.Auto ? wanted
            : headers.Contains("raison_sociale") ? ImportFormat.Gabarit
            : headers.Contains("rid7") || headers.Contains("code_ape") || headers.Contains("denomination") ? ImportFormat.Ridet
            : throw new ImportFileException(ImportMessages.UnknownHeaders);
        var required = format == ImportFormat.Ridet ? ImportRowMapper.RidetRequired : ImportRowMapper.GabaritRequired;
        var missing = required.Where(c => !headers.Contains(c)).ToList();
        if (format == ImportFormat.Ridet && !headers.Contains("code_commune") && !headers.Contains("libelle_commune"))
        {
            missing.Add("code_commune (ou libelle_commune)");
        }
        return missing.Count == 0 ? format
            : throw new ImportFileException(Format(ImportMessages.MissingColumns, format == ImportFormat.Ridet ? "RIDET" : "gabarit", string.Join(", ", missing)));
    }

    private async Task WriteBatchAsync(List<(ImportRow Row, MappedRow Mapped)> batch, ImportOptions options, string? fileName, ImportReport report, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }
        var keys = batch.Where(b => b.Mapped.Ridet is not null).Select(b => (Ridet?)b.Mapped.Ridet!.Value).ToList();
        var found = await db.Companies.Include(c => c.SecondaryActivities)
            .Where(c => keys.Contains(c.Ridet))
            .ToListAsync(cancellationToken);
        // One company per RIDET (docs/adr/0020); a database not yet migrated may still have several: such a row waits.
        var shared = found.GroupBy(c => c.Ridet!.Value).Where(g => g.Count() > 1)
            .ToDictionary(g => g.Key, g => string.Join(", ", g.Select(c => c.Slug).Order(StringComparer.Ordinal)));
        var existing = found.Where(c => !shared.ContainsKey(c.Ridet!.Value)).ToDictionary(c => c.Ridet!.Value);
        var updated = new List<(Company, IReadOnlyDictionary<string, string?>)>();
        var created = new List<Company>();
        var first = report.Rows.Count;
        var slugs = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (row, mapped) in batch)
        {
            ImportRowResult result;
            if (mapped.Outcome is { } refused)
            {
                result = new ImportRowResult(row.Number, null, mapped.Name, refused, mapped.Reason);
            }
            else if (shared.TryGetValue(mapped.Ridet!.Value, out var holders))
            {
                result = new ImportRowResult(row.Number, mapped.Ridet.Value.ToString(), mapped.Name, ImportOutcome.Rejected,
                    Format(ImportMessages.SharedRidet, mapped.Ridet.Value, holders));
            }
            else if (existing.TryGetValue(mapped.Ridet!.Value, out var company))
            {
                var before = CompanyFields.Of(company);
                result = Update(row.Number, company, mapped);
                if (result.Outcome == ImportOutcome.Updated)
                {
                    updated.Add((company, before));
                }
            }
            else
            {
                (result, var company2) = await CreateAsync(row.Number, mapped, slugs, cancellationToken);
                if (company2 is not null)
                {
                    created.Add(company2);
                }
            }
            report.Rows.Add(result);
        }
        if (!options.DryRun)
        {
            try
            {
                await lifecycle.ImportAsync(updated, created, fileName, options.Actor, cancellationToken);
            }
            catch (Exception conflict) when (created.Count > 0 && RidetHolders.IsRidetConflict(conflict))
            {
                // A company took one of these RIDETs since they were looked up: the batch's new companies (inserted
                // together) are not created; its updates are saved.
                for (var i = first; i < report.Rows.Count; i++)
                {
                    if (report.Rows[i].Outcome == ImportOutcome.Created)
                    {
                        report.Rows[i] = report.Rows[i] with { Outcome = ImportOutcome.Rejected, Reason = ImportMessages.RidetTakenMeanwhile };
                    }
                }
            }
        }
        db.ChangeTracker.Clear();
    }

    private async Task<(ImportRowResult, Company?)> CreateAsync(int number, MappedRow mapped, HashSet<string> slugs, CancellationToken cancellationToken)
    {
        var ridet = mapped.Ridet!.Value;
        var company = new Company
        {
            Id = Guid.NewGuid(),
            Slug = string.Empty,
            LegalName = string.Empty,
            PrimaryActivityCode = string.Empty,
            CommuneCode = string.Empty,
            Ridet = ridet,
            ImportedValues = Snapshot(null, mapped.Values),
        };
        foreach (var (name, value) in mapped.Values)
        {
            ImportField.ByName[name].Set(company, value);
        }
        if (validator.Validate(company) is { Count: > 0 } issues)
        {
            return (Rejected(number, mapped, issues), null);
        }
        company.Slug = await UniqueSlugAsync(company.DisplayName, slugs, cancellationToken);
        return (new ImportRowResult(number, ridet.ToString(), mapped.Name, ImportOutcome.Created, null), company);
    }

    private ImportRowResult Update(int number, Company company, MappedRow mapped)
    {
        var previous = company.ImportedValues is null ? []
            : JsonSerializer.Deserialize<Dictionary<string, string?>>(company.ImportedValues) ?? [];
        var changed = false;
        var kept = new List<string>();
        foreach (var (name, value) in mapped.Values)
        {
            var field = ImportField.ByName[name];
            var current = field.Get(company);
            if (current == value)
            {
                continue;
            }
            if (current == previous.GetValueOrDefault(name))
            {
                field.Set(company, value);
                changed = true;
            }
            else
            {
                kept.Add(CompanyValidator.FieldLabel(name));
            }
        }
        var snapshot = Snapshot(previous, mapped.Values);
        changed |= snapshot != company.ImportedValues;
        var note = kept.Count == 0 ? null : Format(ImportMessages.KeptOwnerEdits, string.Join(", ", kept));
        var ridet = mapped.Ridet!.Value.ToString();
        if (!changed)
        {
            return new ImportRowResult(number, ridet, mapped.Name, ImportOutcome.Unchanged, note);
        }
        company.ImportedValues = snapshot;
        if (validator.Validate(company) is { Count: > 0 } issues)
        {
            // Nothing of this row is saved.
            foreach (var entry in db.ChangeTracker.Entries<CompanyActivity>().Where(e => e.Entity.CompanyId == company.Id).ToList())
            {
                entry.State = EntityState.Detached;
            }
            db.Entry(company).State = EntityState.Detached;
            return Rejected(number, mapped, issues);
        }
        return new ImportRowResult(number, ridet, mapped.Name, ImportOutcome.Updated, note);
    }

    /// <summary>The validator's messages may repeat a value (an e-mail address): each is cut like the file's values.</summary>
    private ImportRowResult Rejected(int number, MappedRow mapped, IReadOnlyList<ValidationIssue> issues) =>
        new(number, mapped.Ridet?.ToString(), mapped.Name, ImportOutcome.Rejected,
            Format(ImportMessages.Invalid, string.Join(" ; ", issues.Select(i => ImportText.Cut(i.Message, _limits.MaxEchoedLength)).Distinct())));

    /// <summary>The last imported values, with this row's values over the previous ones (sorted, so equal means unchanged).</summary>
    private static string Snapshot(Dictionary<string, string?>? previous, Dictionary<string, string?> values)
    {
        var merged = new SortedDictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (name, value) in (previous ?? []).Concat(values))
        {
            merged[name] = value;
        }
        return JsonSerializer.Serialize(merged.Where(e => e.Value is not null).ToDictionary(e => e.Key, e => e.Value));
    }

    private async Task<string> UniqueSlugAsync(string name, HashSet<string> batchSlugs, CancellationToken cancellationToken)
    {
        var slug = await Slugs.UniqueAsync(name, async candidate =>
            batchSlugs.Contains(candidate) || await db.Companies.AnyAsync(c => c.Slug == candidate, cancellationToken));
        batchSlugs.Add(slug);
        return slug;
    }

    private static string Format(string template, params object[] values) =>
        string.Format(CultureInfo.InvariantCulture, template, values);
}
