using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AnnuaireFiliere.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "IndexingTasks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CompanyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CompanyVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IndexingTasks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LegalForms",
                columns: table => new
                {
                    Code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    InseeCode = table.Column<string>(type: "TEXT", maxLength: 4, nullable: true),
                    Family = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    LabelFr = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    LabelEn = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    IsRetired = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LegalForms", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "Provinces",
                columns: table => new
                {
                    Code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    SeatCommuneCode = table.Column<string>(type: "TEXT", maxLength: 5, nullable: false),
                    LabelFr = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    LabelEn = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    IsRetired = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Provinces", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "Sectors",
                columns: table => new
                {
                    Code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    LabelFr = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    LabelEn = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    IsRetired = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Sectors", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "SizeBands",
                columns: table => new
                {
                    Code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    MinEmployees = table.Column<int>(type: "INTEGER", nullable: true),
                    MaxEmployees = table.Column<int>(type: "INTEGER", nullable: true),
                    FacetBand = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    LabelFr = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    LabelEn = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    IsRetired = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SizeBands", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "Communes",
                columns: table => new
                {
                    Code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    ProvinceCode = table.Column<string>(type: "TEXT", nullable: false),
                    OtherProvinceCodes = table.Column<string>(type: "TEXT", nullable: false),
                    PostalCodes = table.Column<string>(type: "TEXT", nullable: false),
                    Latitude = table.Column<double>(type: "REAL", nullable: false),
                    Longitude = table.Column<double>(type: "REAL", nullable: false),
                    Population = table.Column<int>(type: "INTEGER", nullable: true),
                    LabelFr = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    LabelEn = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    IsRetired = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Communes", x => x.Code);
                    table.ForeignKey(
                        name: "FK_Communes_Provinces_ProvinceCode",
                        column: x => x.ProvinceCode,
                        principalTable: "Provinces",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Activities",
                columns: table => new
                {
                    Code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    SectorCode = table.Column<string>(type: "TEXT", nullable: false),
                    NafCodes = table.Column<string>(type: "TEXT", nullable: false),
                    Perimeter = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    LabelFr = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    LabelEn = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    IsRetired = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Activities", x => x.Code);
                    table.ForeignKey(
                        name: "FK_Activities_Sectors_SectorCode",
                        column: x => x.SectorCode,
                        principalTable: "Sectors",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Companies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Slug = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    LegalName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    TradeName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Acronym = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Ridet = table.Column<string>(type: "TEXT", maxLength: 11, nullable: true),
                    LegalFormCode = table.Column<string>(type: "TEXT", nullable: true),
                    FoundingYear = table.Column<int>(type: "INTEGER", nullable: true),
                    SizeBandCode = table.Column<string>(type: "TEXT", nullable: true),
                    PrimaryActivityCode = table.Column<string>(type: "TEXT", nullable: false),
                    CommuneCode = table.Column<string>(type: "TEXT", nullable: false),
                    StreetAddress = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    PostalCode = table.Column<string>(type: "TEXT", maxLength: 5, nullable: true),
                    Website = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    Phones = table.Column<string>(type: "TEXT", nullable: false),
                    SocialLinks = table.Column<string>(type: "TEXT", nullable: false),
                    DescriptionFr = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    DescriptionEn = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Services = table.Column<string>(type: "TEXT", nullable: false),
                    Skills = table.Column<string>(type: "TEXT", nullable: false),
                    Labels = table.Column<string>(type: "TEXT", nullable: false),
                    Languages = table.Column<string>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    PublishedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastConfirmedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    ECommerce_B2B = table.Column<bool>(type: "INTEGER", nullable: false),
                    ECommerce_B2C = table.Column<bool>(type: "INTEGER", nullable: false),
                    ECommerce_DeliversIslands = table.Column<bool>(type: "INTEGER", nullable: false),
                    ECommerce_DeliversTerritory = table.Column<bool>(type: "INTEGER", nullable: false),
                    ECommerce_OnlinePayment = table.Column<bool>(type: "INTEGER", nullable: false),
                    ECommerce_Platforms = table.Column<string>(type: "TEXT", nullable: false),
                    ECommerce_SellsOnMarketplaces = table.Column<bool>(type: "INTEGER", nullable: false),
                    ECommerce_SellsOnOwnShop = table.Column<bool>(type: "INTEGER", nullable: false),
                    Contact = table.Column<string>(type: "TEXT", nullable: false),
                    ServiceArea = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Companies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Companies_Activities_PrimaryActivityCode",
                        column: x => x.PrimaryActivityCode,
                        principalTable: "Activities",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Companies_Communes_CommuneCode",
                        column: x => x.CommuneCode,
                        principalTable: "Communes",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Companies_LegalForms_LegalFormCode",
                        column: x => x.LegalFormCode,
                        principalTable: "LegalForms",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Companies_SizeBands_SizeBandCode",
                        column: x => x.SizeBandCode,
                        principalTable: "SizeBands",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CompanyActivities",
                columns: table => new
                {
                    CompanyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ActivityCode = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CompanyActivities", x => new { x.CompanyId, x.ActivityCode });
                    table.ForeignKey(
                        name: "FK_CompanyActivities_Activities_ActivityCode",
                        column: x => x.ActivityCode,
                        principalTable: "Activities",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CompanyActivities_Companies_CompanyId",
                        column: x => x.CompanyId,
                        principalTable: "Companies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Activities_SectorCode",
                table: "Activities",
                column: "SectorCode");

            migrationBuilder.CreateIndex(
                name: "IX_Communes_ProvinceCode",
                table: "Communes",
                column: "ProvinceCode");

            migrationBuilder.CreateIndex(
                name: "IX_Companies_CommuneCode",
                table: "Companies",
                column: "CommuneCode");

            migrationBuilder.CreateIndex(
                name: "IX_Companies_LegalFormCode",
                table: "Companies",
                column: "LegalFormCode");

            migrationBuilder.CreateIndex(
                name: "IX_Companies_PrimaryActivityCode",
                table: "Companies",
                column: "PrimaryActivityCode");

            migrationBuilder.CreateIndex(
                name: "IX_Companies_Ridet",
                table: "Companies",
                column: "Ridet");

            migrationBuilder.CreateIndex(
                name: "IX_Companies_SizeBandCode",
                table: "Companies",
                column: "SizeBandCode");

            migrationBuilder.CreateIndex(
                name: "IX_Companies_Slug",
                table: "Companies",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Companies_Status_CommuneCode",
                table: "Companies",
                columns: new[] { "Status", "CommuneCode" });

            migrationBuilder.CreateIndex(
                name: "IX_Companies_Status_PrimaryActivityCode",
                table: "Companies",
                columns: new[] { "Status", "PrimaryActivityCode" });

            migrationBuilder.CreateIndex(
                name: "IX_CompanyActivities_ActivityCode",
                table: "CompanyActivities",
                column: "ActivityCode");

            migrationBuilder.CreateIndex(
                name: "IX_IndexingTasks_CompanyId",
                table: "IndexingTasks",
                column: "CompanyId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CompanyActivities");

            migrationBuilder.DropTable(
                name: "IndexingTasks");

            migrationBuilder.DropTable(
                name: "Companies");

            migrationBuilder.DropTable(
                name: "Activities");

            migrationBuilder.DropTable(
                name: "Communes");

            migrationBuilder.DropTable(
                name: "LegalForms");

            migrationBuilder.DropTable(
                name: "SizeBands");

            migrationBuilder.DropTable(
                name: "Sectors");

            migrationBuilder.DropTable(
                name: "Provinces");
        }
    }
}
