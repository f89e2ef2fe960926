using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AnnuaireFiliere.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class OpenDataOptOut : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "OpenDataOptOut",
                table: "Companies",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "OpenDataOptOut",
                table: "Companies");
        }
    }
}
