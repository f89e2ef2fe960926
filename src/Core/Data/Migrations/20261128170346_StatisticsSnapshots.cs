using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AnnuaireFiliere.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class StatisticsSnapshots : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "StatisticsSnapshots",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TakenAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    TakenBy = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    Label = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    Companies = table.Column<int>(type: "INTEGER", nullable: false),
                    Published = table.Column<int>(type: "INTEGER", nullable: false),
                    Facts = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StatisticsSnapshots", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Companies_UpdatedAt_Version",
                table: "Companies",
                columns: new[] { "UpdatedAt", "Version" });

            migrationBuilder.CreateIndex(
                name: "IX_StatisticsSnapshots_TakenAt",
                table: "StatisticsSnapshots",
                column: "TakenAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "StatisticsSnapshots");

            migrationBuilder.DropIndex(
                name: "IX_Companies_UpdatedAt_Version",
                table: "Companies");
        }
    }
}
