using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EnterpriseDistrib.Catalog.Migrations
{
    /// <inheritdoc />
    public partial class PackageContentState : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "available_at",
                table: "package_versions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "content_problem",
                table: "package_versions",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "content_state",
                table: "package_versions",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "Registered");

            migrationBuilder.CreateIndex(
                name: "ix_package_versions_content_state",
                table: "package_versions",
                column: "content_state");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_package_versions_content_state",
                table: "package_versions");

            migrationBuilder.DropColumn(
                name: "available_at",
                table: "package_versions");

            migrationBuilder.DropColumn(
                name: "content_problem",
                table: "package_versions");

            migrationBuilder.DropColumn(
                name: "content_state",
                table: "package_versions");
        }
    }
}
