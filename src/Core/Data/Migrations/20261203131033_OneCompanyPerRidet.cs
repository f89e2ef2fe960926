using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AnnuaireFiliere.Core.Data.Migrations
{
    /// <summary>
    /// One company per RIDET (docs/adr/0020). A database where several companies share a RIDET (the edit form let a
    /// member type any number) keeps it on the first registered (the earliest <c>CreatedAt</c>, then the smallest id);
    /// the later ones lose it, each with an <c>Edited</c> history entry (field <c>ridet</c> before → none, note
    /// <c>ridet-duplicate</c>), a new version, and an indexing task when published. The unique index then holds.
    /// <see cref="DatabaseInitializer"/> lists them in the log before migrating (<see cref="SharedRidets"/>, same rule).
    /// Down gives each its RIDET back and removes those entries. Also: the RIDET a member asks for (<c>AccessRequests.Ridet</c>).
    /// </summary>
    public partial class OneCompanyPerRidet : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Companies_Ridet",
                table: "Companies");

            migrationBuilder.AddColumn<string>(
                name: "Ridet",
                table: "AccessRequests",
                type: "TEXT",
                maxLength: 11,
                nullable: true);

            migrationBuilder.Sql(LaterHolders);
            migrationBuilder.Sql($"""
                INSERT INTO CompanyChanges (Id, CompanyId, At, UserId, Actor, Kind, Reason, Details, Fields)
                SELECT upper(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-' || substr('89AB', 1 + abs(random()) % 4, 1)
                         || substr(h, 18, 3) || '-' || substr(h, 21, 12)),
                       Id, {Now}, NULL, 'système', 'Edited', NULL, {DuplicateNote},
                       json_array(json_object('field', 'ridet', 'before', Ridet, 'after', NULL))
                FROM (SELECT hex(randomblob(16)) AS h, c.Id, c.Ridet FROM Companies c JOIN RidetLaterHolders l ON l.Id = c.Id);
                """);
            migrationBuilder.Sql($"""
                INSERT INTO IndexingTasks (CompanyId, Reason, CompanyVersion, CreatedAt)
                SELECT c.Id, 'Updated', c.Version + 1, {Now} FROM Companies c JOIN RidetLaterHolders l ON l.Id = c.Id WHERE c.Status = 'Published';
                """);
            migrationBuilder.Sql($"""
                UPDATE Companies SET Ridet = NULL, Version = Version + 1, UpdatedAt = {Now}
                WHERE Id IN (SELECT Id FROM RidetLaterHolders);
                """);
            migrationBuilder.Sql("DROP TABLE RidetLaterHolders;");

            migrationBuilder.CreateIndex(
                name: "IX_Companies_Ridet",
                table: "Companies",
                column: "Ridet",
                unique: true);
        }

        /// <summary>The companies that lose their RIDET: all but the first registered of those that share one.</summary>
        private const string LaterHolders = """
            CREATE TEMP TABLE RidetLaterHolders AS
            SELECT Id FROM (
              SELECT Id, ROW_NUMBER() OVER (PARTITION BY Ridet ORDER BY CreatedAt, Id) AS Rank
              FROM Companies WHERE Ridet IS NOT NULL)
            WHERE Rank > 1;
            """;

        private const string DuplicateNote = """'{"note":"ridet-duplicate"}'""";

        private const string Now = "strftime('%Y-%m-%d %H:%M:%f', 'now')";

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Companies_Ridet",
                table: "Companies");

            migrationBuilder.DropColumn(
                name: "Ridet",
                table: "AccessRequests");

            migrationBuilder.Sql("""
                UPDATE Companies SET Ridet = (
                  SELECT json_extract(h.Fields, '$[0].before') FROM CompanyChanges h
                  WHERE h.CompanyId = Companies.Id AND json_extract(h.Details, '$.note') = 'ridet-duplicate'
                  ORDER BY h.At DESC LIMIT 1)
                WHERE Ridet IS NULL AND EXISTS (
                  SELECT 1 FROM CompanyChanges h WHERE h.CompanyId = Companies.Id AND json_extract(h.Details, '$.note') = 'ridet-duplicate');
                """);
            migrationBuilder.Sql("DELETE FROM CompanyChanges WHERE json_extract(Details, '$.note') = 'ridet-duplicate';");

            migrationBuilder.CreateIndex(
                name: "IX_Companies_Ridet",
                table: "Companies",
                column: "Ridet");
        }
    }
}
