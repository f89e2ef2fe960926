using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AnnuaireFiliere.Core.Data.Migrations
{
    /// <summary>
    /// History notes become codes: the French sentences the site wrote in <c>CompanyChanges.Reason</c> before this
    /// migration (every one of them is listed below, as the code of that time wrote it) move to <c>Details</c> as a
    /// <c>ChangeNote</c> (JSON: the code and its values), rendered in the reader's language; <c>Reason</c> keeps only
    /// what a person typed (a moderator's reason, also the one after a claim's or join request's note). Anything else
    /// stays as it was. Down writes the sentences back.
    /// </summary>
    public partial class CodedHistory : Migration
    {
        /// <summary>A note written as one sentence around one value: the kinds it was written with, its text before and after the value.</summary>
        private sealed record Frame(string Kind, string Before, string After, string Code, string Key, string Role = null);

        private static readonly Frame[] Frames =
        [
            new("Confirmed", "confirmée depuis le courriel annuel", "", "confirmed-from-mail", null),
            new("Confirmed", "vérifiée par la modération", "", "checked-by-moderation", null),
            new("Imported", "Import du fichier ", ".", "import-file", "file"),
            new("MemberAdded", "invitation de ", " (propriétaire)", "invitation", "email", "Owner"),
            new("MemberAdded", "invitation de ", " (éditeur)", "invitation", "email", "Editor"),
            new("MemberAdded", "", " (propriétaire), sur invitation", "invitation-accepted", "email", "Owner"),
            new("MemberAdded", "", " (éditeur), sur invitation", "invitation-accepted", "email", "Editor"),
            new("MemberRoleChanged", "", " : propriétaire", "role-changed", "email", "Owner"),
            new("MemberRoleChanged", "", " : éditeur", "role-changed", "email", "Editor"),
            new("MemberRoleChanged", "propriété transférée à ", "", "ownership-transferred", "email"),
            new("MemberRemoved", "", " : retiré", "member-removed", "email"),
        ];

        /// <summary>The decisions on claims and join requests: "{request} de {email}", then " : {reason}" when one was typed.</summary>
        private static readonly (string Before, string Code)[] Requests =
        [
            ("revendication de ", "claim"),
            ("demande d'adhésion de ", "join-request"),
        ];

        private const string RequestKinds = "('Claimed', 'MemberAdded', 'Rejected')";

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Details",
                table: "CompanyChanges",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            foreach (var frame in Frames)
            {
                var (before, after) = (Text(frame.Before), Text(frame.After));
                var value = $"substr(Reason, length({before}) + 1, length(Reason) - length({before}) - length({after}))";
                var values = (frame.Key is null ? "" : $", '{frame.Key}', {value}") + (frame.Role is null ? "" : $", 'role', '{frame.Role}'");
                migrationBuilder.Sql($"""
                    UPDATE CompanyChanges SET Details = json_object('note', '{frame.Code}'{values}), Reason = NULL
                    WHERE Details IS NULL AND Kind = '{frame.Kind}' AND length(Reason) {(frame.Key is null ? "=" : ">=")} length({before}) + length({after})
                      AND substr(Reason, 1, length({before})) = {before} AND substr(Reason, length(Reason) - length({after}) + 1) = {after};
                    """);
            }
            foreach (var (text, code) in Requests)
            {
                var before = Text(text);
                var rest = $"substr(Reason, length({before}) + 1)";
                migrationBuilder.Sql($"""
                    UPDATE CompanyChanges SET
                      Details = json_object('note', '{code}', 'email',
                        CASE WHEN instr({rest}, ' : ') > 0 THEN substr({rest}, 1, instr({rest}, ' : ') - 1) ELSE {rest} END),
                      Reason = CASE WHEN instr({rest}, ' : ') > 0 THEN substr({rest}, instr({rest}, ' : ') + 3) END
                    WHERE Details IS NULL AND Kind IN {RequestKinds} AND substr(Reason, 1, length({before})) = {before};
                    """);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var frame in Frames)
            {
                var value = frame.Key is null ? "" : $"json_extract(Details, '$.{frame.Key}') || ";
                var role = frame.Role is null ? "" : $" AND json_extract(Details, '$.role') = '{frame.Role}'";
                migrationBuilder.Sql($"""
                    UPDATE CompanyChanges SET Reason = {Text(frame.Before)} || {value}{Text(frame.After)}, Details = NULL
                    WHERE Kind = '{frame.Kind}' AND json_extract(Details, '$.note') = '{frame.Code}'{role};
                    """);
            }
            foreach (var (text, code) in Requests)
            {
                migrationBuilder.Sql($"""
                    UPDATE CompanyChanges SET Reason = {Text(text)} || coalesce(json_extract(Details, '$.email'), '') || coalesce(' : ' || Reason, ''), Details = NULL
                    WHERE Kind IN {RequestKinds} AND json_extract(Details, '$.note') = '{code}';
                    """);
            }

            migrationBuilder.DropColumn(
                name: "Details",
                table: "CompanyChanges");
        }

        /// <summary>A SQL string literal.</summary>
        private static string Text(string value) => "'" + value.Replace("'", "''", System.StringComparison.Ordinal) + "'";
    }
}
