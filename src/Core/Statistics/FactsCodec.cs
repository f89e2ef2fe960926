using System.IO.Compression;
using AnnuaireFiliere.Core.Companies;

namespace AnnuaireFiliere.Core.Statistics;

/// <summary>
/// A <see cref="FactTable"/> in a compact form for snapshots: the code tables, then each column, Brotli-compressed.
/// Any segment can then be counted as it was on the snapshot's date.
/// </summary>
public static class FactsCodec
{
    private const int Format = 2;

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
                facts.Values(dimension).ForEach(v => writer.Write7BitEncodedInt(v + 1));
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
                facts.ListIds(dimension).ForEach(writer.Write7BitEncodedInt);
            }
            facts.Ids.ForEach(id => writer.Write(id.ToByteArray()));
            facts.Status.ForEach(s => writer.Write((byte)s));
            facts.ECommerce.ForEach(writer.Write);
            facts.Year.ForEach(y => writer.Write7BitEncodedInt(y));
            facts.Published.ForEach(writer.Write7BitEncodedInt64);
            facts.Confirmed.ForEach(writer.Write7BitEncodedInt64);
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
        if (reader.Read7BitEncodedInt() != Format)
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
            for (var i = 0; i < count; i++)
            {
                var value = reader.Read7BitEncodedInt() - 1;
                values.Add(value < -1 || value >= table.Count ? throw new InvalidDataException("Bad code.") : value);
            }
        }
        foreach (var dimension in Enum.GetValues<ListDimension>())
        {
            var lists = facts.Lists(dimension);
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
            for (var i = 0; i < count; i++)
            {
                ids.Add(reader.Read7BitEncodedInt());
            }
        }
        for (var i = 0; i < count; i++)
        {
            facts.Ids.Add(new Guid(reader.ReadBytes(16)));
        }
        for (var i = 0; i < count; i++)
        {
            facts.Status.Add((PublicationStatus)reader.ReadByte());
        }
        for (var i = 0; i < count; i++)
        {
            facts.ECommerce.Add(reader.ReadByte());
        }
        for (var i = 0; i < count; i++)
        {
            facts.Year.Add((short)reader.Read7BitEncodedInt());
        }
        for (var i = 0; i < count; i++)
        {
            facts.Published.Add(reader.Read7BitEncodedInt64());
        }
        for (var i = 0; i < count; i++)
        {
            facts.Confirmed.Add(reader.Read7BitEncodedInt64());
        }
        return facts;
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
