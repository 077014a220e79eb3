using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace EnterpriseDistrib.Catalog.Migrations
{
    /// <inheritdoc />
    public partial class InitialCatalog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "audit_entries",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    actor = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    action = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    target_type = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    target_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    details = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_entries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "office_groups",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_office_groups", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "packages",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_packages", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "sites",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    parent_id = table.Column<Guid>(type: "uuid", nullable: true),
                    wan_capacity_bits_per_second = table.Column<long>(type: "bigint", nullable: true),
                    time_zone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sites", x => x.id);
                    table.ForeignKey(
                        name: "fk_sites_sites_parent_id",
                        column: x => x.parent_id,
                        principalTable: "sites",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "package_versions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    package_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version_label = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    info_hash = table.Column<string>(type: "character(40)", fixedLength: true, maxLength: 40, nullable: false),
                    total_size = table.Column<long>(type: "bigint", nullable: false),
                    piece_length = table.Column<int>(type: "integer", nullable: false),
                    piece_count = table.Column<int>(type: "integer", nullable: false),
                    torrent_bytes = table.Column<byte[]>(type: "bytea", nullable: false),
                    install_kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    install_command = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    install_arguments = table.Column<string>(type: "character varying(4096)", maxLength: 4096, nullable: true),
                    install_success_exit_codes = table.Column<List<int>>(type: "integer[]", nullable: false),
                    install_reboot_exit_codes = table.Column<List<int>>(type: "integer[]", nullable: false),
                    install_timeout_seconds = table.Column<int>(type: "integer", nullable: false),
                    install_detection_kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    install_detection_target = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: true),
                    install_detection_value = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    published_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    files = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_package_versions", x => x.id);
                    table.ForeignKey(
                        name: "fk_package_versions_packages_package_id",
                        column: x => x.package_id,
                        principalTable: "packages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "enrollment_tokens",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    description = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    secret_hash = table.Column<byte[]>(type: "bytea", maxLength: 64, nullable: false),
                    site_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    max_uses = table.Column<int>(type: "integer", nullable: true),
                    use_count = table.Column<int>(type: "integer", nullable: false),
                    revoked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_enrollment_tokens", x => x.id);
                    table.ForeignKey(
                        name: "fk_enrollment_tokens_sites_site_id",
                        column: x => x.site_id,
                        principalTable: "sites",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "office_group_sites",
                columns: table => new
                {
                    office_group_id = table.Column<Guid>(type: "uuid", nullable: false),
                    site_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_office_group_sites", x => new { x.office_group_id, x.site_id });
                    table.ForeignKey(
                        name: "fk_office_group_sites_office_groups_office_group_id",
                        column: x => x.office_group_id,
                        principalTable: "office_groups",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_office_group_sites_sites_site_id",
                        column: x => x.site_id,
                        principalTable: "sites",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "site_ranges",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    site_id = table.Column<Guid>(type: "uuid", nullable: false),
                    cidr = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_site_ranges", x => x.id);
                    table.ForeignKey(
                        name: "fk_site_ranges_sites_site_id",
                        column: x => x.site_id,
                        principalTable: "sites",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "rollouts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    package_version_id = table.Column<Guid>(type: "uuid", nullable: false),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    failure_threshold = table.Column<double>(type: "double precision", nullable: false),
                    failure_minimum_sample = table.Column<int>(type: "integer", nullable: false),
                    max_wan_fetchers_per_site = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ended_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    status_reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rollouts", x => x.id);
                    table.ForeignKey(
                        name: "fk_rollouts_package_versions_package_version_id",
                        column: x => x.package_version_id,
                        principalTable: "package_versions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "agents",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    hostname = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    operating_system = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    agent_version = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    site_id = table.Column<Guid>(type: "uuid", nullable: true),
                    site_pinned = table.Column<bool>(type: "boolean", nullable: false),
                    site_reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    last_address = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    enrolled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_seen_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    enrollment_token_id = table.Column<Guid>(type: "uuid", nullable: true),
                    credential_hash = table.Column<byte[]>(type: "bytea", maxLength: 64, nullable: false),
                    revoked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_agents", x => x.id);
                    table.ForeignKey(
                        name: "fk_agents_enrollment_tokens_enrollment_token_id",
                        column: x => x.enrollment_token_id,
                        principalTable: "enrollment_tokens",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_agents_sites_site_id",
                        column: x => x.site_id,
                        principalTable: "sites",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "rollout_waves",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    rollout_id = table.Column<Guid>(type: "uuid", nullable: false),
                    ordinal = table.Column<int>(type: "integer", nullable: false),
                    office_group_id = table.Column<Guid>(type: "uuid", nullable: false),
                    starts_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    deadline = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rollout_waves", x => x.id);
                    table.ForeignKey(
                        name: "fk_rollout_waves_office_groups_office_group_id",
                        column: x => x.office_group_id,
                        principalTable: "office_groups",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_rollout_waves_rollouts_rollout_id",
                        column: x => x.rollout_id,
                        principalTable: "rollouts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "agent_rollout_status",
                columns: table => new
                {
                    rollout_id = table.Column<Guid>(type: "uuid", nullable: false),
                    agent_id = table.Column<Guid>(type: "uuid", nullable: false),
                    site_id = table.Column<Guid>(type: "uuid", nullable: true),
                    state = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    progress_percent = table.Column<int>(type: "integer", nullable: false),
                    bytes_downloaded = table.Column<long>(type: "bigint", nullable: false),
                    exit_code = table.Column<int>(type: "integer", nullable: true),
                    error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    sequence = table.Column<long>(type: "bigint", nullable: false),
                    reported_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    first_seen_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_agent_rollout_status", x => new { x.rollout_id, x.agent_id });
                    table.ForeignKey(
                        name: "fk_agent_rollout_status_agents_agent_id",
                        column: x => x.agent_id,
                        principalTable: "agents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_agent_rollout_status_rollouts_rollout_id",
                        column: x => x.rollout_id,
                        principalTable: "rollouts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "transfer_statistic",
                columns: table => new
                {
                    rollout_id = table.Column<Guid>(type: "uuid", nullable: false),
                    agent_id = table.Column<Guid>(type: "uuid", nullable: false),
                    source_class = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    source_site_id = table.Column<Guid>(type: "uuid", nullable: false),
                    site_id = table.Column<Guid>(type: "uuid", nullable: true),
                    bytes = table.Column<long>(type: "bigint", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_transfer_statistic", x => new { x.rollout_id, x.agent_id, x.source_class, x.source_site_id });
                    table.ForeignKey(
                        name: "fk_transfer_statistic_agents_agent_id",
                        column: x => x.agent_id,
                        principalTable: "agents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_transfer_statistic_rollouts_rollout_id",
                        column: x => x.rollout_id,
                        principalTable: "rollouts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_agent_rollout_status_agent_id",
                table: "agent_rollout_status",
                column: "agent_id");

            migrationBuilder.CreateIndex(
                name: "ix_agent_rollout_status_rollout_id_site_id_state",
                table: "agent_rollout_status",
                columns: new[] { "rollout_id", "site_id", "state" });

            migrationBuilder.CreateIndex(
                name: "ix_agents_credential_hash",
                table: "agents",
                column: "credential_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_agents_enrollment_token_id",
                table: "agents",
                column: "enrollment_token_id");

            migrationBuilder.CreateIndex(
                name: "ix_agents_hostname",
                table: "agents",
                column: "hostname");

            migrationBuilder.CreateIndex(
                name: "ix_agents_last_seen_at",
                table: "agents",
                column: "last_seen_at");

            migrationBuilder.CreateIndex(
                name: "ix_agents_site_id_hostname",
                table: "agents",
                columns: new[] { "site_id", "hostname" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_at",
                table: "audit_entries",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_target_type_target_id",
                table: "audit_entries",
                columns: new[] { "target_type", "target_id" });

            migrationBuilder.CreateIndex(
                name: "ix_enrollment_tokens_created_at",
                table: "enrollment_tokens",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_enrollment_tokens_secret_hash",
                table: "enrollment_tokens",
                column: "secret_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_enrollment_tokens_site_id",
                table: "enrollment_tokens",
                column: "site_id");

            migrationBuilder.CreateIndex(
                name: "ix_office_group_sites_site_id",
                table: "office_group_sites",
                column: "site_id");

            migrationBuilder.CreateIndex(
                name: "ix_office_groups_name",
                table: "office_groups",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_package_versions_info_hash",
                table: "package_versions",
                column: "info_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_package_versions_package_id_version_label",
                table: "package_versions",
                columns: new[] { "package_id", "version_label" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_packages_name",
                table: "packages",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_rollout_waves_office_group_id",
                table: "rollout_waves",
                column: "office_group_id");

            migrationBuilder.CreateIndex(
                name: "ix_rollout_waves_rollout_id_ordinal",
                table: "rollout_waves",
                columns: new[] { "rollout_id", "ordinal" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_rollouts_created_at",
                table: "rollouts",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_rollouts_package_version_id",
                table: "rollouts",
                column: "package_version_id");

            migrationBuilder.CreateIndex(
                name: "ix_rollouts_status",
                table: "rollouts",
                column: "status");

            migrationBuilder.CreateIndex(
                name: "ix_site_ranges_cidr",
                table: "site_ranges",
                column: "cidr");

            migrationBuilder.CreateIndex(
                name: "ix_site_ranges_site_id_cidr",
                table: "site_ranges",
                columns: new[] { "site_id", "cidr" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_sites_name",
                table: "sites",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_sites_parent_id",
                table: "sites",
                column: "parent_id");

            migrationBuilder.CreateIndex(
                name: "ix_transfer_statistic_agent_id",
                table: "transfer_statistic",
                column: "agent_id");

            migrationBuilder.CreateIndex(
                name: "ix_transfer_statistic_rollout_id_site_id",
                table: "transfer_statistic",
                columns: new[] { "rollout_id", "site_id" });

            migrationBuilder.CreateIndex(
                name: "ix_transfer_statistic_site_id",
                table: "transfer_statistic",
                column: "site_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "agent_rollout_status");

            migrationBuilder.DropTable(
                name: "audit_entries");

            migrationBuilder.DropTable(
                name: "office_group_sites");

            migrationBuilder.DropTable(
                name: "rollout_waves");

            migrationBuilder.DropTable(
                name: "site_ranges");

            migrationBuilder.DropTable(
                name: "transfer_statistic");

            migrationBuilder.DropTable(
                name: "office_groups");

            migrationBuilder.DropTable(
                name: "agents");

            migrationBuilder.DropTable(
                name: "rollouts");

            migrationBuilder.DropTable(
                name: "enrollment_tokens");

            migrationBuilder.DropTable(
                name: "package_versions");

            migrationBuilder.DropTable(
                name: "sites");

            migrationBuilder.DropTable(
                name: "packages");
        }
    }
}
