using EnterpriseDistrib.Catalog.Orleans;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EnterpriseDistrib.Catalog.Migrations
{
    /// <summary>
    /// The tables and OrleansQuery rows that Orleans' ADO.NET clustering, reminders and grain storage read
    /// (SQL only: the catalog model does not change). The SQL lives in <c>Orleans/*.sql</c>.
    /// </summary>
    public partial class OrleansSchema : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var script in OrleansSchemaScripts.Create)
            {
                migrationBuilder.Sql(OrleansSchemaScripts.Read(script));
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(OrleansSchemaScripts.Read(OrleansSchemaScripts.Drop));
        }
    }
}
