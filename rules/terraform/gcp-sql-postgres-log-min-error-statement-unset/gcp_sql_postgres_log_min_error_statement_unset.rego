# METADATA
# title: Cloud SQL PostgreSQL instance does not set log_min_error_statement to error or a more verbose level
# description: |
#   log_min_error_statement decides which failing SQL statements are written to the log with their
#   error. At log, fatal or panic, statements that fail with an error are not logged, which hides
#   injection attempts and application bugs. checkov requires the flag to be set explicitly, even
#   though PostgreSQL's default is error.
# related_resources:
#   - https://www.postgresql.org/docs/current/runtime-config-logging.html#GUC-LOG-MIN-ERROR-STATEMENT
# custom:
#   id: gcp-sql-postgres-log-min-error-statement-unset
#   target: terraform
#   severity: low
#   checkov: [CKV_GCP_109]
package converge.rules.terraform.gcp_sql_postgres_log_min_error_statement_unset

import rego.v1

import data.converge.lib.cloudsql

findings contains f if {
	some f in cloudsql.flag_findings("log_min_error_statement", {"debug5", "debug4", "debug3", "debug2", "debug1", "info", "notice", "warning", "error"}, "error")
}
