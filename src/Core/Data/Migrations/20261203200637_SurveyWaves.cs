using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AnnuaireFiliere.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class SurveyWaves : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SurveyWaves",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    QuestionnaireId = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    QuestionnaireVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    OpensAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ClosesAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SectorCodes = table.Column<string>(type: "TEXT", nullable: false),
                    ProvinceCodes = table.Column<string>(type: "TEXT", nullable: false),
                    ReminderDays = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SurveyWaves", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SurveyResponses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    WaveId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CompanyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Answers = table.Column<string>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SubmittedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    UpdatedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SurveyResponses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SurveyResponses_Companies_CompanyId",
                        column: x => x.CompanyId,
                        principalTable: "Companies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SurveyResponses_SurveyWaves_WaveId",
                        column: x => x.WaveId,
                        principalTable: "SurveyWaves",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SurveyWaveMembers",
                columns: table => new
                {
                    WaveId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CompanyId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SurveyWaveMembers", x => new { x.WaveId, x.CompanyId });
                    table.ForeignKey(
                        name: "FK_SurveyWaveMembers_Companies_CompanyId",
                        column: x => x.CompanyId,
                        principalTable: "Companies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SurveyWaveMembers_SurveyWaves_WaveId",
                        column: x => x.WaveId,
                        principalTable: "SurveyWaves",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SurveyResponses_CompanyId",
                table: "SurveyResponses",
                column: "CompanyId");

            migrationBuilder.CreateIndex(
                name: "IX_SurveyResponses_WaveId_CompanyId",
                table: "SurveyResponses",
                columns: new[] { "WaveId", "CompanyId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SurveyWaveMembers_CompanyId",
                table: "SurveyWaveMembers",
                column: "CompanyId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SurveyResponses");

            migrationBuilder.DropTable(
                name: "SurveyWaveMembers");

            migrationBuilder.DropTable(
                name: "SurveyWaves");
        }
    }
}
