using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using AnnuaireFiliere.Core.Companies;

namespace AnnuaireFiliere.Core.Statistics;

/// <summary>
/// A <see cref="FactTable"/> in a compact form for snapshots: the code tables, then each column, Brotli-compressed.
/// Any segment can then be counted as it was on the snapshot's date.
/// </summary>
public static class FactsCodec
{
    private const int Format = 4;

    /// <summary>Format 3, before the services catalogue: read with no services for anyone.</summary>
    private const int FormatWithoutServices = 3;

    public static byte[] Encode(FactTable facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        // Written to memory, then compressed in one go: a byte at a time through the compressor is slow.
        using var plain = new MemoryStream();
        using (var writer = new BinaryWriter(plain, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write7BitEncodedInt(Format);
            writer.Write7BitEncodedInt(facts.Count);
            foreach (var dimension in Enum.GetValues<Dimension>())
            {
                Codes(writer, facts.Codes(dimension));
                Column(writer, facts.Values(dimension));
            }
            foreach (var dimension in Enum.GetValues<ListDimension>())
            {
                var lists = facts.Lists(dimension);
                Codes(writer, lists.Codes);
                writer.Write7BitEncodedInt(lists.Lists.Count);
                foreach (var list in lists.Lists)
                {
                    writer.Write7BitEncodedInt(list.Length);
                    Array.ForEach(list, writer.Write7BitEncodedInt);
                }
                Column(writer, facts.ListIds(dimension));
            }
            Column(writer, facts.Ids);
            Column(writer, facts.Status);
            Column(writer, facts.ECommerce);
            Column(writer, facts.Year);
            Column(writer, facts.Published);
            Column(writer, facts.Confirmed);
        }
        using var output = new MemoryStream();
        using (var brotli = new BrotliStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            plain.Position = 0;
            plain.CopyTo(brotli);
        }
        return output.ToArray();
    }

    /// <exception cref="InvalidDataException">Not facts written by <see cref="Encode"/>.</exception>
    public static FactTable Decode(byte[] encoded)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        try
        {
            return Read(encoded);
        }
        catch (Exception unreadable) when (unreadable is IOException or ArgumentException or OverflowException or IndexOutOfRangeException)
        {
            throw new InvalidDataException("Unreadable statistics snapshot.", unreadable);
        }
    }

    private static FactTable Read(byte[] encoded)
    {
        using var plain = new MemoryStream();
        using (var brotli = new BrotliStream(new MemoryStream(encoded), CompressionMode.Decompress))
        {
            brotli.CopyTo(plain);
        }
        plain.Position = 0;
        using var reader = new BinaryReader(plain);
        var format = reader.Read7BitEncodedInt();
        if (format is not Format and not FormatWithoutServices)
        {
            throw new InvalidDataException("Unknown statistics snapshot format.");
        }
        var count = reader.Read7BitEncodedInt();
        var facts = new FactTable();
        foreach (var dimension in Enum.GetValues<Dimension>())
        {
            var codes = facts.Codes(dimension);
            var table = ReadCodes(reader);
            table.ForEach(c => codes.Add(c));
            var values = facts.Values(dimension);
            Column(reader, values, count);
            if (values.Any(v => v < -1 || v >= table.Count))
            {
                throw new InvalidDataException("Bad code.");
            }
        }
        foreach (var dimension in Enum.GetValues<ListDimension>())
        {
            var lists = facts.Lists(dimension);
            if (dimension == ListDimension.Services && format == FormatWithoutServices)
            {
                facts.ListIds(dimension).AddRange(Enumerable.Repeat(lists.Add(Array.Empty<int>()), count));
                continue;
            }
            var table = ReadCodes(reader);
            table.ForEach(c => lists.Codes.Add(c));
            var listCount = reader.Read7BitEncodedInt();
            for (var l = 0; l < listCount; l++)
            {
                var list = new int[reader.Read7BitEncodedInt()];
                for (var i = 0; i < list.Length; i++)
                {
                    list[i] = reader.Read7BitEncodedInt();
                }
                lists.Add(list);
            }
            var ids = facts.ListIds(dimension);
            Column(reader, ids, count);
            if (ids.Any(id => id < 0 || id >= listCount))
            {
                throw new InvalidDataException("Bad list.");
            }
        }
        Column(reader, facts.Ids, count);
        Column(reader, facts.Status, count);
        if (facts.Status.Any(status => !Enum.IsDefined(status)))
        {
            throw new InvalidDataException("Bad status.");
        }
        Column(reader, facts.ECommerce, count);
        Column(reader, facts.Year, count);
        Column(reader, facts.Published, count);
        Column(reader, facts.Confirmed, count);
        return facts;
    }

    /// <summary>A column as its raw little-endian values: read back in one copy.</summary>
    private static void Column<T>(BinaryWriter writer, List<T> column)
        where T : unmanaged =>
        writer.Write(MemoryMarshal.AsBytes(CollectionsMarshal.AsSpan(column)));

    private static void Column<T>(BinaryReader reader, List<T> column, int count)
        where T : unmanaged
    {
        var bytes = reader.ReadBytes(count * Unsafe.SizeOf<T>());
        if (bytes.Length != count * Unsafe.SizeOf<T>())
        {
            throw new InvalidDataException("Truncated statistics snapshot.");
        }
        column.AddRange(MemoryMarshal.Cast<byte, T>(bytes));
    }

    private static void Codes(BinaryWriter writer, CodeTable codes)
    {
        writer.Write7BitEncodedInt(codes.Count);
        for (var i = 0; i < codes.Count; i++)
        {
            writer.Write(codes[i]);
        }
    }

    private static List<string> ReadCodes(BinaryReader reader)
    {
        var codes = new List<string>(reader.Read7BitEncodedInt());
        for (var i = codes.Capacity; i > 0; i--)
        {
            codes.Add(reader.ReadString());
        }
        return codes;
    }
}
