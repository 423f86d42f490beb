# METADATA
# title: Cloud SQL PostgreSQL instance does not log SQL statements
# description: |
#   With log_statement unset or none, no SQL statement is logged, so a dropped table or a changed
#   role cannot be traced to the statement and session that did it. checkov accepts ddl, mod and all;
#   the fix sets ddl, which logs schema changes only.
# related_resources:
#   - https://www.postgresql.org/docs/current/runtime-config-logging.html#GUC-LOG-STATEMENT
# custom:
#   id: gcp-sql-postgres-log-statement-off
#   target: terraform
#   severity: low
#   checkov: [CKV_GCP_111]
package converge.rules.terraform.gcp_sql_postgres_log_statement_off

import rego.v1

import data.converge.lib.cloudsql

findings contains f if {
	some f in cloudsql.flag_findings("log_statement", {"ddl", "mod", "all"}, "ddl")
}
