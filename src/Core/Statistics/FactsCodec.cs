using System.IO.Compression;
using AnnuaireFiliere.Core.Companies;

namespace AnnuaireFiliere.Core.Statistics;

/// <summary>
/// The facts of every company in a compact form for snapshots: a table of the distinct codes, then each company as
/// indexes into it, Brotli-compressed (about 10 bytes a company). Any segment can then be counted as it was on the
/// snapshot's date.
/// </summary>
public static class FactsCodec
{
    private const int Format = 1;

    public static byte[] Encode(IReadOnlyList<CompanyFact> facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var table = new Dictionary<string, int>(StringComparer.Ordinal);
        var strings = new List<string>();
        int Index(string? value)
        {
            if (value is null)
            {
                return 0;
            }
            if (!table.TryGetValue(value, out var index))
            {
                strings.Add(value);
                table[value] = index = strings.Count;
            }
            return index;
        }
        var rows = facts.Select(f => (Fact: f, Codes: new[]
        {
            Index(f.PrimaryActivity), Index(f.PrimarySector), Index(f.Commune), Index(f.MainProvince), Index(f.SizeBand), Index(f.LegalForm),
        }, Lists: new[] { f.Activities, f.Sectors, f.Provinces, f.ECommerce, f.Languages, f.Labels }.Select(l => l.Select(Index).ToArray()).ToArray())).ToList();

        using var output = new MemoryStream();
        using (var brotli = new BrotliStream(output, CompressionLevel.Optimal, leaveOpen: true))
        using (var writer = new BinaryWriter(brotli))
        {
            writer.Write7BitEncodedInt(Format);
            writer.Write7BitEncodedInt(strings.Count);
            strings.ForEach(writer.Write);
            writer.Write7BitEncodedInt(rows.Count);
            foreach (var (fact, codes, lists) in rows)
            {
                writer.Write(fact.Id.ToByteArray());
                writer.Write((byte)fact.Status);
                Array.ForEach(codes, writer.Write7BitEncodedInt);
                foreach (var list in lists)
                {
                    writer.Write7BitEncodedInt(list.Length);
                    Array.ForEach(list, writer.Write7BitEncodedInt);
                }
                writer.Write7BitEncodedInt(fact.FoundingYear ?? 0);
                writer.Write7BitEncodedInt64(fact.PublishedAt?.Ticks ?? 0);
                writer.Write7BitEncodedInt64(fact.LastConfirmedAt?.Ticks ?? 0);
            }
        }
        return output.ToArray();
    }

    /// <exception cref="InvalidDataException">Not facts written by <see cref="Encode"/>.</exception>
    public static List<CompanyFact> Decode(byte[] encoded)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        try
        {
            return Read(encoded);
        }
        catch (Exception unreadable) when (unreadable is IOException or ArgumentException or OverflowException or FormatException && unreadable is not InvalidDataException)
        {
            throw new InvalidDataException("Unreadable statistics snapshot.", unreadable);
        }
    }

    private static List<CompanyFact> Read(byte[] encoded)
    {
        using var brotli = new BrotliStream(new MemoryStream(encoded), CompressionMode.Decompress);
        using var reader = new BinaryReader(brotli);
        if (reader.Read7BitEncodedInt() != Format)
        {
            throw new InvalidDataException("Unknown statistics snapshot format.");
        }
        var strings = new string?[reader.Read7BitEncodedInt() + 1];
        for (var i = 1; i < strings.Length; i++)
        {
            strings[i] = string.Intern(reader.ReadString());
        }
        var pool = new StringPool();
        string? Code() => strings[reader.Read7BitEncodedInt()];
        IReadOnlyList<string> List()
        {
            var values = new string[reader.Read7BitEncodedInt()];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = Code()!;
            }
            return pool.Get(values);
        }
        static DateTime? Date(long ticks) => ticks == 0 ? null : new DateTime(ticks, DateTimeKind.Utc);

        var facts = new List<CompanyFact>(reader.Read7BitEncodedInt());
        for (var n = facts.Capacity; n > 0; n--)
        {
            var id = new Guid(reader.ReadBytes(16));
            var status = (PublicationStatus)reader.ReadByte();
            var (activity, sector, commune, province, band, form) = (Code()!, Code(), Code()!, Code(), Code(), Code());
            facts.Add(new CompanyFact
            {
                Id = id,
                Status = status,
                PrimaryActivity = activity,
                PrimarySector = sector,
                Commune = commune,
                MainProvince = province,
                SizeBand = band,
                LegalForm = form,
                Activities = List(),
                Sectors = List(),
                Provinces = List(),
                ECommerce = List(),
                Languages = List(),
                Labels = List(),
                FoundingYear = reader.Read7BitEncodedInt() is var year and > 0 ? year : null,
                PublishedAt = Date(reader.Read7BitEncodedInt64()),
                LastConfirmedAt = Date(reader.Read7BitEncodedInt64()),
            });
        }
        return facts;
    }
}
