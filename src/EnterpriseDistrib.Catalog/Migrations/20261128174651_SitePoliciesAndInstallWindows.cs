using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EnterpriseDistrib.Catalog.Migrations
{
    /// <inheritdoc />
    public partial class SitePoliciesAndInstallWindows : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "business_hours_download_bytes_per_second",
                table: "sites",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<TimeOnly>(
                name: "business_hours_end",
                table: "sites",
                type: "time without time zone",
                nullable: true);

            migrationBuilder.AddColumn<TimeOnly>(
                name: "business_hours_start",
                table: "sites",
                type: "time without time zone",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "business_hours_upload_bytes_per_second",
                table: "sites",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<TimeOnly>(
                name: "install_window_end",
                table: "rollouts",
                type: "time without time zone",
                nullable: true);

            migrationBuilder.AddColumn<TimeOnly>(
                name: "install_window_start",
                table: "rollouts",
                type: "time without time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "business_hours_download_bytes_per_second",
                table: "sites");

            migrationBuilder.DropColumn(
                name: "business_hours_end",
                table: "sites");

            migrationBuilder.DropColumn(
                name: "business_hours_start",
                table: "sites");

            migrationBuilder.DropColumn(
                name: "business_hours_upload_bytes_per_second",
                table: "sites");

            migrationBuilder.DropColumn(
                name: "install_window_end",
                table: "rollouts");

            migrationBuilder.DropColumn(
                name: "install_window_start",
                table: "rollouts");
        }
    }
}
